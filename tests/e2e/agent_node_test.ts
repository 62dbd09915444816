/**
 * Agents coming and going: one killed outright has its pods recreated on the others (short
 * node-lifecycle timings), restarted on the same root it reaps the processes it left, and one
 * stopped with SIGTERM stops its pods and exits 0.
 */
import assert from "node:assert/strict";
import { findLeftoverContainers } from "../../lib/agent/runtime/mod.ts";
import type { Node, Pod } from "../../lib/api/types.ts";
import { kubectlPresent } from "./_kubectl.ts";
import { processesUnder, startAgentCluster } from "./_agents.ts";
import { alive, containerPid, httpDeployment, isReady, list, waitFor } from "./_agent_workloads.ts";

const present = await kubectlPresent();

function pidsOn(pods: Pod[], node: string): number[] {
  return pods.filter((p) => p.spec.nodeName === node).map((p) => containerPid(p)!);
}

Deno.test({
  name: "agents that die, restart and stop leave the cluster running and no process behind",
  ignore: !present,
  async fn(t) {
    const cluster = await startAgentCluster({
      agents: 3,
      serverFlags: [
        "--node-monitor-grace-period",
        "2s",
        "--default-unreachable-toleration-seconds",
        "2",
      ],
    });
    try {
      const applied = await cluster.kubectl(["apply", "-f", "-"], list(httpDeployment("web", 3)));
      assert.equal(applied.code, 0, applied.stderr);
      const pods = await waitFor("three ready pods", async () => {
        const found = await cluster.pods("app=web");
        return found.length === 3 && found.every(isReady) ? found : undefined;
      });
      const victim = cluster.agents.find((a) => pods.some((p) => p.spec.nodeName === a.name))!;
      const orphans = pidsOn(pods, victim.name);

      await t.step(
        "pods of an agent killed with SIGKILL come back Running on the others",
        async () => {
          await cluster.kill(victim);
          assert.ok(orphans.every(alive), "an agent killed outright leaves its processes running");
          const running = processesUnder(cluster.dir);
          for (const pid of orphans) assert.ok(running.includes(pid), `the leak check sees ${pid}`);
          const moved = await waitFor("three ready pods on the other agents", async () => {
            const found = await cluster.pods("app=web");
            return found.length === 3 &&
                found.every((p) => isReady(p) && p.spec.nodeName !== victim.name)
              ? found
              : undefined;
          }, 20_000);
          const node = await cluster.get<Node>(`/api/v1/nodes/${victim.name}`);
          const ready = node.status?.conditions?.find((c) => c.type === "Ready");
          assert.equal(ready?.status, "Unknown");
          assert.equal(ready?.message, "Kubelet stopped posting node status.");
          const evicted = pods.filter((p) => p.spec.nodeName === victim.name);
          for (const pod of evicted) {
            assert.ok(
              !moved.some((p) => p.metadata.uid === pod.metadata.uid),
              "replaced by new pods",
            );
          }
        },
      );

      await t.step("the agent restarted on the same root reaps the processes it left", async () => {
        await cluster.restart(victim);
        assert.deepEqual(orphans.filter(alive), []);
        assert.deepEqual(await findLeftoverContainers(victim.root), []);
        await waitFor("the node Ready again", async () => {
          const node = await cluster.get<Node>(`/api/v1/nodes/${victim.name}`);
          return node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
        });
      });

      await t.step("an agent stopped with SIGTERM stops its pods and exits 0", async () => {
        const now = await cluster.pods("app=web");
        const holder = cluster.agents.find((a) => now.some((p) => p.spec.nodeName === a.name))!;
        const pids = pidsOn(now, holder.name);
        assert.ok(pids.length > 0 && pids.every(alive));
        assert.equal(await cluster.stop(holder), 0);
        assert.deepEqual(pids.filter(alive), []);
        assert.match(holder.process.output(), new RegExp(`kclone agent ${holder.name} stopped`));
      });
    } finally {
      await cluster.close();
    }
  },
});
