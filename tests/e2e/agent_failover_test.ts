/**
 * An agent given two servers (`--server A,B`) of one etcd cluster outlives a kill -9 of the one
 * it works through: its pods keep running (same processes, no restart), its Lease is renewed
 * through B (the node stays Ready past B's 3 s node-monitor grace period), and it starts a pod
 * created through B. A CLI command given `--server A,B` works with A dead. Nothing is left
 * running afterwards (startFailoverCluster's close() checks).
 */
import assert from "node:assert/strict";
import type { Lease, Node, Pod } from "../../lib/api/types.ts";
import { ETCD_MISSING, etcdPresent } from "../store/_etcd_member.ts";
import { alive, containerPid, isReady, waitFor } from "./_agent_workloads.ts";
import { startFailoverCluster } from "./_failover_cluster.ts";
import { kclone } from "./_kclone.ts";

const present = etcdPresent();
if (!present) console.log(`agent_failover_test: ${ETCD_MISSING}`);

const SLEEPER = {
  name: "sleeper",
  image: "busybox",
  command: ["sh", "-c", "exec sleep 300"],
};

async function api<T>(url: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

function readySince(node: Node): string | undefined {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  return ready?.status === "True" ? ready.lastTransitionTime : undefined;
}

Deno.test({
  name: "an agent given two servers keeps its pods and its node when the first is killed",
  ignore: !present,
  async fn(t) {
    const cluster = await startFailoverCluster();
    const [a, b] = cluster.servers;
    const podsOf = async (url: string, selector: string) =>
      (await api<{ items: Pod[] }>(
        url,
        `/api/v1/namespaces/default/pods?labelSelector=${selector}`,
      ))
        .items;
    try {
      const deployment = {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "sleepers" },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: "sleepers" } },
          template: {
            metadata: { labels: { app: "sleepers" } },
            spec: { terminationGracePeriodSeconds: 1, containers: [SLEEPER] },
          },
        },
      };
      await api(a.url, "/apis/apps/v1/namespaces/default/deployments", deployment);
      const before = await waitFor("two sleepers running on the agent", async () => {
        const pods = await podsOf(a.url, "app=sleepers");
        return pods.length === 2 && pods.every((p) => isReady(p) && containerPid(p)) && pods;
      }, 30_000);
      const pids = new Map(before.map((p) => [p.metadata.name!, containerPid(p)!]));
      const nodeBefore = await api<Node>(a.url, `/api/v1/nodes/${cluster.node}`);
      const readyTime = readySince(nodeBefore);
      assert.ok(readyTime, "the node is Ready");

      await a.end("SIGKILL");
      const killedAt = Date.now();

      await t.step("a CLI command given A,B works with A dead", async () => {
        const result = await kclone(["--server", `${a.url},${b.url}`, "get", "pods"]);
        assert.equal(result.stderr, "");
        assert.equal(result.code, 0);
        for (const name of pids.keys()) {
          assert.match(result.stdout, new RegExp(`^${name} +1/1 +Running +0 `, "m"));
        }
      });

      await t.step("a pod created through B starts on the agent", async () => {
        const pod = {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: "after-failover", labels: { app: "late" } },
          spec: { terminationGracePeriodSeconds: 1, containers: [SLEEPER] },
        };
        await api(b.url, "/api/v1/namespaces/default/pods", pod);
        const started = await waitFor("the new pod running on the agent", async () => {
          const [late] = await podsOf(b.url, "app=late");
          return late && isReady(late) && late;
        }, 60_000);
        assert.equal(started.spec?.nodeName, cluster.node);
        assert.ok(alive(containerPid(started)!));
      });

      await t.step(
        "the Lease is renewed through B and the node stays Ready past B's grace period",
        async () => {
          // B has been leading since it scheduled the new pod: watch the node over more than its
          // 3 s grace period from now, and at least 3 s past the kill.
          const until = Math.max(Date.now(), killedAt) + 4_000;
          let renewals = new Set<string>();
          await waitFor("4 s more of a Ready node", async () => {
            const node = await api<Node>(b.url, `/api/v1/nodes/${cluster.node}`);
            assert.equal(readySince(node), readyTime, "the node never left Ready");
            const lease = await api<Lease>(
              b.url,
              `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${cluster.node}`,
            );
            renewals = new Set([...renewals, lease.spec?.renewTime ?? ""]);
            return Date.now() >= until;
          }, 20_000);
          assert.ok(renewals.size >= 4, `the lease was renewed (${[...renewals].join(", ")})`);
        },
      );

      await t.step("the first pods keep their processes and were never restarted", async () => {
        const after = await podsOf(b.url, "app=sleepers");
        assert.deepEqual(after.map((p) => p.metadata.name).sort(), [...pids.keys()].sort());
        for (const pod of after) {
          assert.equal(containerPid(pod), pids.get(pod.metadata.name!), pod.metadata.name);
          assert.ok(alive(pids.get(pod.metadata.name!)!), `${pod.metadata.name} still runs`);
          assert.equal(pod.status?.containerStatuses?.[0]?.restartCount, 0);
          assert.ok(isReady(pod));
        }
        assert.equal(cluster.agent.ended(), false, "the agent runs on");
        assert.doesNotMatch(cluster.agent.output(), /agent f1: pods:/);
      });
    } catch (error) {
      console.error(`agent output:\n${cluster.agent.output()}\nserver B output:\n${b.output()}`);
      throw error;
    } finally {
      await cluster.close();
    }
  },
});
