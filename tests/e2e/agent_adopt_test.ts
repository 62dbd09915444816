/**
 * An agent killed outright and started again on its root takes its running pods back, as a
 * restarted kubelet finds its containers: same processes, addresses and restartCount, logs that
 * go on without a gap; the processes of pods deleted meanwhile are reaped; and a container that
 * then dies unseen restarts, reported as Kubernetes reports it (ContainerStatusUnknown).
 */
import assert from "node:assert/strict";
import { findLeftoverContainers } from "../../lib/agent/runtime/mod.ts";
import type { Pod } from "../../lib/api/types.ts";
import { kubectlPresent } from "./_kubectl.ts";
import { startAgentCluster } from "./_agents.ts";
import { alive, barePod, containerPid, isReady, list, waitFor } from "./_agent_workloads.ts";

const present = await kubectlPresent();

/** Prints `tick 0`, `tick 1`, ... every 50 ms. */
const TICKER = barePod("ticker", {
  command: ["sh", "-c", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.05; done"],
});
const DOOMED = barePod("doomed", { command: ["sleep", "600"] });
/** A pod that must run once: its process ends while no agent runs. */
const ONCE = barePod("once", { command: ["sleep", "600"] });
(ONCE.spec as Record<string, unknown>).restartPolicy = "Never";

/** The tick numbers in `kubectl logs ticker`. */
function ticks(logs: string): number[] {
  return logs.split("\n").filter((l) => l.startsWith("tick ")).map((l) => Number(l.slice(5)));
}

Deno.test({
  name: "an agent restarted after kill -9 adopts its running pods and reaps the deleted ones",
  ignore: !present,
  async fn(t) {
    const cluster = await startAgentCluster({ agents: 1 });
    const [agent] = cluster.agents;
    const pod = async (name: string) =>
      await cluster.get<Pod>(`/api/v1/namespaces/default/pods/${name}`);
    try {
      const applied = await cluster.kubectl(["apply", "-f", "-"], list(TICKER, DOOMED, ONCE));
      assert.equal(applied.code, 0, applied.stderr);
      const before = await waitFor("the pods Ready", async () => {
        const pods = await cluster.pods();
        return pods.length === 3 && pods.every(isReady) ? pods : undefined;
      });
      const ticker = before.find((p) => p.metadata.name === "ticker")!;
      const doomedPid = containerPid(before.find((p) => p.metadata.name === "doomed")!)!;
      const tickerPid = containerPid(ticker)!;
      const oncePid = containerPid(before.find((p) => p.metadata.name === "once")!)!;
      await waitFor("a few ticks logged", async () => {
        const logs = await cluster.kubectl(["logs", "ticker"]);
        return ticks(logs.stdout).length >= 5;
      });

      await t.step("kill -9 of the agent leaves its processes running", async () => {
        await cluster.kill(agent);
        assert.ok(alive(tickerPid) && alive(doomedPid) && alive(oncePid));
        Deno.kill(oncePid, "SIGKILL");
        const deleted = await cluster.kubectl([
          "delete",
          "pod",
          "doomed",
          "--grace-period=0",
          "--force",
        ]);
        assert.equal(deleted.code, 0, deleted.stderr);
      });

      await t.step(
        "restarted, it reaps the deleted pod's process and adopts the other",
        async () => {
          await cluster.restart(agent);
          assert.equal(alive(doomedPid), false, "the deleted pod's process is reaped");
          assert.ok(alive(tickerPid), "the bound pod's process runs on");
          const left = await findLeftoverContainers(agent.root);
          assert.deepEqual(left.map((l) => [l.record.pod, l.record.pid]), [["ticker", tickerPid]]);
          const now = await waitFor("the ticker's status from the new agent", async () => {
            const current = await pod("ticker");
            const status = current.status?.containerStatuses?.[0];
            return isReady(current) && status?.state?.running ? current : undefined;
          });
          assert.equal(containerPid(now), tickerPid);
          assert.equal(now.status?.podIP, ticker.status?.podIP);
          assert.equal(now.status?.containerStatuses?.[0]?.restartCount, 0);
        },
      );

      await t.step("its log goes on where it was, without a gap", async () => {
        const seen = await waitFor("ticks written after the restart", async () => {
          const numbers = ticks((await cluster.kubectl(["logs", "ticker"])).stdout);
          return numbers.length >= 40 ? numbers : undefined;
        });
        assert.deepEqual(seen, seen.map((_, i) => i), "every tick once, in order");
      });

      await t.step("an adopted container that dies unseen is restarted", async () => {
        Deno.kill(tickerPid, "SIGKILL");
        const restarted = await waitFor("the ticker restarted", async () => {
          const current = await pod("ticker");
          const status = current.status?.containerStatuses?.[0];
          return status?.restartCount === 1 && isReady(current) ? current : undefined;
        });
        const status = restarted.status!.containerStatuses![0];
        assert.deepEqual(
          {
            exitCode: status.lastState?.terminated?.exitCode,
            reason: status.lastState?.terminated?.reason,
            message: status.lastState?.terminated?.message,
          },
          {
            exitCode: 137,
            reason: "ContainerStatusUnknown",
            message:
              "The container could not be located when the pod was deleted.  The container used to be Running",
          },
        );
        assert.notEqual(containerPid(restarted), tickerPid);
        const previous = await cluster.kubectl(["logs", "ticker", "--previous"]);
        assert.equal(previous.code, 0, previous.stderr);
        assert.ok(ticks(previous.stdout).length >= 40);
      });
    } finally {
      await cluster.close();
    }
  },
});
