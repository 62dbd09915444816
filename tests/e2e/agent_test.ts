/**
 * `kclone agent` end to end: a Deployment of three real HTTP servers behind a NodePort, on a
 * real server and agent, driven by the real kubectl. After the test no pod process is left
 * (startAgentCluster's close() checks).
 */
import assert from "node:assert/strict";
import type { Endpoints, Pod } from "../../lib/api/types.ts";
import { kubectlPresent } from "./_kubectl.ts";
import { type AgentCluster, startAgentCluster } from "./_agents.ts";
import {
  alive,
  containerDir,
  containerPid,
  httpDeployment,
  httpGet,
  isReady,
  list,
  nodePortService,
  randomNodePort,
  waitFor,
} from "./_agent_workloads.ts";

const present = await kubectlPresent();

async function readyAddresses(cluster: AgentCluster, service: string): Promise<string[]> {
  const endpoints = await cluster.get<Endpoints>(`/api/v1/namespaces/default/endpoints/${service}`);
  return (endpoints.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort();
}

async function pod(cluster: AgentCluster, name: string): Promise<Pod> {
  return await cluster.get<Pod>(`/api/v1/namespaces/default/pods/${name}`);
}

Deno.test({
  name: "three replicas behind a NodePort run as real processes that kubectl can watch and heal",
  ignore: !present,
  async fn(t) {
    const cluster = await startAgentCluster({ agents: 1 });
    const root = cluster.agents[0].root;
    const nodePort = randomNodePort();
    try {
      const manifest = list(
        httpDeployment("web", 3, {
          readinessProbe: {
            httpGet: { path: "/ready", port: 8080 },
            periodSeconds: 1,
            failureThreshold: 1,
          },
          livenessProbe: {
            httpGet: { path: "/healthz", port: 8080 },
            periodSeconds: 1,
            failureThreshold: 2,
          },
        }),
        nodePortService("web", nodePort),
      );
      const applied = await cluster.kubectl(["apply", "-f", "-"], manifest);
      assert.equal(applied.code, 0, applied.stderr);
      const pods = await waitFor("three ready web pods", async () => {
        const found = await cluster.pods("app=web");
        return found.length === 3 && found.every(isReady) ? found : undefined;
      });
      const [first, second, third] = pods.sort((a, b) =>
        a.metadata.name!.localeCompare(b.metadata.name!)
      );
      const ips = pods.map((p) => p.status!.podIP!).sort();
      await waitFor(
        "the Endpoints of web",
        async () => (await readyAddresses(cluster, "web")).join() === ips.join(),
      );

      await t.step("each pod has its own IP in the node's pod range", () => {
        const range = cluster.agents[0].podCIDR.replace(/\.0\/24$/, ".");
        assert.equal(new Set(ips).size, 3);
        for (const ip of ips) assert.ok(ip.startsWith(range), `${ip} in ${range}0/24`);
      });

      await t.step("requests to the NodePort reach the three pods in turn", async () => {
        await waitFor(
          "the NodePort to answer",
          () => httpGet("127.0.0.1", nodePort).then((r) => r.status === 200),
        );
        const answers: string[] = [];
        for (let i = 0; i < 6; i++) {
          const reply = await httpGet("127.0.0.1", nodePort);
          assert.equal(reply.status, 200);
          answers.push(reply.body.trim());
        }
        assert.deepEqual(
          new Set(answers.slice(0, 3)),
          new Set(pods.map((p) => p.metadata.name)),
        );
        assert.deepEqual(answers.slice(3), answers.slice(0, 3));
      });

      await t.step("kubectl logs shows what the pod printed", async () => {
        const logs = await cluster.kubectl(["logs", first.metadata.name!]);
        assert.equal(logs.code, 0, logs.stderr);
        assert.match(
          logs.stdout,
          new RegExp(`^serving ${first.metadata.name} on ${first.status!.podIP}:8080$`, "m"),
        );
      });

      await t.step("kubectl logs -f follows output as it comes", async () => {
        const child = new Deno.Command("kubectl", {
          args: ["--kubeconfig", cluster.kubeconfig, "logs", "-f", first.metadata.name!],
          stdout: "piped",
          stderr: "null",
        }).spawn();
        const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
        let seen = "";
        const until = async (pattern: RegExp) => {
          while (!pattern.test(seen)) {
            const { value, done } = await lines.read();
            if (done) throw new Error(`kubectl logs -f ended: ${seen}`);
            seen += value;
          }
        };
        try {
          await until(/^serving /m);
          await httpGet(first.status!.podIP!, 8080, "/followed-1");
          await until(/^request \/followed-1$/m);
          await httpGet(first.status!.podIP!, 8080, "/followed-2");
          await until(/^request \/followed-2$/m);
        } finally {
          child.kill("SIGKILL");
          await lines.cancel().catch(() => {});
          await child.status;
        }
      });

      await t.step(
        "a pod whose readiness fails leaves the Endpoints and the rotation",
        async () => {
          await Deno.writeTextFile(`${containerDir(root, first)}/unready`, "");
          const others = [second, third].map((p) => p.status!.podIP!).sort();
          await waitFor(
            "web's Endpoints without the unready pod",
            async () => (await readyAddresses(cluster, "web")).join() === others.join(),
          );
          assert.equal((await pod(cluster, first.metadata.name!)).status?.phase, "Running");
          await waitFor("the proxy to drop the unready pod", async () => {
            const answers = new Set<string>();
            for (let i = 0; i < 4; i++) {
              answers.add((await httpGet("127.0.0.1", nodePort)).body.trim());
            }
            return answers.size === 2 && !answers.has(first.metadata.name!);
          }, 5_000);
          await Deno.remove(`${containerDir(root, first)}/unready`);
          await waitFor(
            "the pod back in web's Endpoints",
            async () => (await readyAddresses(cluster, "web")).join() === ips.join(),
          );
        },
      );

      await t.step("kill -9 of a pod's process restarts it with restartCount 1", async () => {
        const pid = containerPid(second)!;
        assert.ok(alive(pid), `process ${pid} of ${second.metadata.name} runs`);
        await httpGet(second.status!.podIP!, 8080, "/before-the-kill");
        Deno.kill(pid, "SIGKILL");
        const restarted = await waitFor("the killed container to run again", async () => {
          const now = await pod(cluster, second.metadata.name!);
          return isReady(now) && containerPid(now) !== pid ? now : undefined;
        });
        const status = restarted.status!.containerStatuses![0];
        assert.equal(status.restartCount, 1);
        assert.equal(status.lastState?.terminated?.exitCode, 137);
        assert.equal(status.lastState?.terminated?.reason, "Error");
        assert.equal(restarted.status!.podIP, second.status!.podIP);
      });

      await t.step("kubectl logs --previous shows the instance before the restart", async () => {
        const previous = await cluster.kubectl(["logs", "--previous", second.metadata.name!]);
        assert.equal(previous.code, 0, previous.stderr);
        assert.match(previous.stdout, /^request \/before-the-kill$/m);
        // The new instance's first line reaches its log within a read of its output (100 ms).
        const current = await waitFor("the new instance's first line", async () => {
          const read = await cluster.kubectl(["logs", second.metadata.name!]);
          return /^serving /m.test(read.stdout) && read;
        });
        assert.doesNotMatch(current.stdout, /before-the-kill/);
      });

      await t.step("a failing liveness probe restarts the container", async () => {
        const sick = `${containerDir(root, third)}/sick`;
        await Deno.writeTextFile(sick, "");
        const restarted = await waitFor("a restart by the liveness probe", async () => {
          const now = await pod(cluster, third.metadata.name!);
          return (now.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1 ? now : undefined;
        });
        await Deno.remove(sick);
        const terminated = restarted.status!.containerStatuses![0].lastState?.terminated;
        assert.equal(terminated?.exitCode, 143, JSON.stringify(terminated)); // SIGTERM
        await waitFor(
          "the restarted pod ready",
          async () => isReady(await pod(cluster, third.metadata.name!)),
        );
        const described = await cluster.kubectl(["describe", "pod", third.metadata.name!]);
        assert.match(
          described.stdout,
          /Liveness probe failed: HTTP probe failed with statuscode: 500/,
        );
        assert.match(described.stdout, /Container web failed liveness probe, will be restarted/);
      });

      await t.step("deleting the Deployment stops every process of its pods", async () => {
        const now = await cluster.pods("app=web");
        const pids = now.map((p) => containerPid(p)!);
        assert.equal(pids.length, 3);
        const deleted = await cluster.kubectl(["delete", "deployment", "web"]);
        assert.equal(deleted.code, 0, deleted.stderr);
        await waitFor("the pods gone", async () => (await cluster.pods("app=web")).length === 0);
        await waitFor("their processes gone", () => pids.every((pid) => !alive(pid)), 5_000);
      });
    } finally {
      await cluster.close();
    }
  },
});
