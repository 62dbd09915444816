import assert from "node:assert/strict";
import type { Deployment, ReplicaSet } from "../../lib/api/types.ts";
import type { Cluster } from "../../lib/cluster/cluster.ts";
import { deployment, node, openCluster, podsPerNode, settle } from "./_scenario.ts";

const service = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "web" },
  spec: { selector: { app: "web" }, ports: [{ port: 80, targetPort: "http" }] },
};

Deno.test("round robin goes through three distinct pods in strict rotation", async () => {
  const { cluster } = await openCluster();
  try {
    await cluster.apply([node("node-a"), node("node-b")]);
    await cluster.apply([deployment("web", { replicas: 3, cpu: "100m" }), service]);
    await settle(cluster);
    const routed = [];
    for (let i = 0; i < 6; i++) routed.push((await cluster.route("web")).pod);
    assert.equal(new Set(routed.slice(0, 3)).size, 3);
    assert.deepEqual(routed.slice(3), routed.slice(0, 3));
    const first = await cluster.route("web", { port: 80 });
    assert.equal(first.port, 80, "targetPort http resolves to containerPort 80");
  } finally {
    await cluster.close();
  }
});

Deno.test("a Service whose selector matches nothing routes to a clear error", async () => {
  const { cluster } = await openCluster();
  try {
    await cluster.apply(service);
    await settle(cluster);
    await assert.rejects(cluster.route("web"), /no endpoints available for service "web"/);
    await assert.rejects(cluster.route("nope"), /services "nope" not found/);
  } finally {
    await cluster.close();
  }
});

Deno.test("scaling 3 to 1 to 5 reaches each count", async () => {
  const { cluster } = await openCluster();
  try {
    await cluster.apply([node("node-a"), node("node-b")]);
    for (const replicas of [3, 1, 5]) {
      await cluster.apply(deployment("web", { replicas, cpu: "100m" }));
      await settle(cluster);
      const pods = await cluster.list("Pod", { labelSelector: "app=web" });
      assert.equal(pods.length, replicas);
      assert.ok(pods.every((p) => p.status?.phase === "Running"));
      const web = (await cluster.get("Deployment", "web"))!;
      assert.equal(web.status?.availableReplicas, replicas);
    }
    await assert.rejects(
      cluster.apply(deployment("web", { replicas: -1 })),
      /spec\.replicas: Invalid value: -1: must be greater than or equal to 0/,
    );
  } finally {
    await cluster.close();
  }
});

/** Pods of the deployment and how many are available (Running and Ready). */
async function census(cluster: Cluster) {
  const pods = await cluster.list("Pod", { labelSelector: "app=web" });
  const ready = pods.filter((p) =>
    !p.metadata.deletionTimestamp &&
    p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")
  );
  return { total: pods.length, ready: ready.length };
}

Deno.test("a rolling update never exceeds replicas+maxSurge pods nor drops below replicas-maxUnavailable ready", async () => {
  const { cluster } = await openCluster();
  try {
    await cluster.apply([node("node-a", { cpu: "16" }), node("node-b", { cpu: "16" })]);
    const strategy = {
      type: "RollingUpdate" as const,
      rollingUpdate: { maxSurge: 1, maxUnavailable: 1 },
    };
    await cluster.apply(deployment("web", { replicas: 4, cpu: "100m", strategy }));
    await settle(cluster);
    await cluster.apply(
      deployment("web", { replicas: 4, cpu: "100m", strategy, image: "nginx:1.28" }),
    );
    const seen: string[] = [];
    const result = await cluster.settle({
      onRound: async () => {
        const { total, ready } = await census(cluster);
        seen.push(`${total}/${ready}`);
        assert.ok(total <= 5, `round ${seen.length}: ${total} pods > replicas+maxSurge`);
        assert.ok(ready >= 3, `round ${seen.length}: ${ready} ready < replicas-maxUnavailable`);
      },
    });
    assert.ok(result.converged);
    assert.ok(seen.length > 2, `a rollout takes several rounds: ${seen.join(" ")}`);
    const pods = await cluster.list("Pod", { labelSelector: "app=web" });
    assert.equal(pods.length, 4);
    assert.ok(pods.every((p) => p.spec.containers[0].image === "nginx:1.28"));
    const sets = await cluster.list("ReplicaSet");
    assert.deepEqual(sets.map((rs) => rs.spec.replicas).sort(), [0, 4]);
    const web = (await cluster.get("Deployment", "web")) as Deployment;
    assert.equal(web.metadata.annotations?.["deployment.kubernetes.io/revision"], "2");
    assert.equal(web.status?.updatedReplicas, 4);
  } finally {
    await cluster.close();
  }
});

Deno.test("rollback returns to the previous template as a new revision", async () => {
  const { cluster } = await openCluster();
  try {
    await cluster.apply([node("node-a")]);
    await cluster.apply(deployment("web", { replicas: 2, cpu: "100m", image: "nginx:1.27" }));
    await settle(cluster);
    await cluster.apply(deployment("web", { replicas: 2, cpu: "100m", image: "nginx:1.28" }));
    await settle(cluster);
    await cluster.rollback("web");
    await settle(cluster);
    const pods = await cluster.list("Pod", { labelSelector: "app=web" });
    assert.deepEqual(pods.map((p) => p.spec.containers[0].image), ["nginx:1.27", "nginx:1.27"]);
    const web = (await cluster.get("Deployment", "web"))!;
    assert.equal(web.metadata.annotations?.["deployment.kubernetes.io/revision"], "3");
    await assert.rejects(
      cluster.rollback("web", 9),
      /unable to find specified revision 9 in history/,
    );
  } finally {
    await cluster.close();
  }
});

Deno.test("deleting a Deployment leaves no ReplicaSet or Pod", async () => {
  const { cluster } = await openCluster();
  try {
    await cluster.apply([node("node-a")]);
    await cluster.apply(deployment("web", { replicas: 3, cpu: "100m" }));
    await settle(cluster);
    await cluster.delete("Deployment", "web");
    await settle(cluster);
    assert.deepEqual(await cluster.list("ReplicaSet"), []);
    assert.deepEqual(await cluster.list("Pod"), []);
  } finally {
    await cluster.close();
  }
});

Deno.test("a node failure on the fake clock: NotReady after 40 s, pods replaced elsewhere after 300 s", async () => {
  const { cluster, clock } = await openCluster();
  try {
    await cluster.apply([node("node-a"), node("node-b")]);
    await cluster.apply(deployment("web", { replicas: 3, cpu: "1" }));
    await settle(cluster);
    const before = await podsPerNode(cluster, "web");
    const failed = Object.keys(before).find((n) => before[n] === 3)!;
    const survivor = failed === "node-a" ? "node-b" : "node-a";
    const victim = (await cluster.get("Node", failed))!;
    await cluster.update({
      ...victim,
      metadata: { ...victim.metadata, annotations: { "kclone.dev/kubelet": "stopped" } },
    });
    await settle(cluster);
    clock.advance(39_000);
    await settle(cluster);
    const ready = (name: string) =>
      cluster.get("Node", name).then((n) =>
        n?.status?.conditions?.find((c) => c.type === "Ready")?.status
      );
    assert.equal(await ready(failed), "True");
    clock.advance(1_000);
    await settle(cluster);
    assert.equal(await ready(failed), "Unknown");
    clock.advance(299_000);
    await settle(cluster);
    assert.deepEqual(
      await podsPerNode(cluster, "web"),
      { [failed]: 3 },
      "not evicted before 300 s",
    );
    clock.advance(1_000);
    await settle(cluster);
    assert.deepEqual(await podsPerNode(cluster, "web"), { [survivor]: 3 });
    const rs = (await cluster.list("ReplicaSet"))[0] as ReplicaSet;
    assert.equal(rs.status?.readyReplicas, 3);
  } finally {
    await cluster.close();
  }
});

Deno.test("the state survives close and reopen of the SQLite database", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-reopen-" });
  try {
    const first = await openCluster({ db: `${dir}/kclone.db` });
    await first.cluster.apply([node("node-a"), node("node-b")]);
    await first.cluster.apply([deployment("web", { replicas: 3, cpu: "100m" }), service]);
    await settle(first.cluster);
    const placed = await podsPerNode(first.cluster, "web");
    const routed = (await first.cluster.route("web")).pod;
    await first.cluster.close();

    const second = await openCluster({ db: `${dir}/kclone.db` });
    assert.deepEqual(await podsPerNode(second.cluster, "web"), placed);
    const next = (await second.cluster.route("web")).pod;
    assert.notEqual(next, routed, "the rotation continues where the last process stopped");
    await settle(second.cluster);
    assert.equal((await second.cluster.list("Pod")).length, 3, "nothing to redo after reopening");
    await second.cluster.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("two clusters on one SQLite file never create more replicas than asked nor double-book", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-two-" });
  try {
    const a = await openCluster({ db: `${dir}/kclone.db` });
    const b = await openCluster({ db: `${dir}/kclone.db` });
    await a.cluster.apply([node("node-a", { cpu: "2" }), node("node-b", { cpu: "2" })]);
    await a.cluster.apply(deployment("web", { replicas: 6, cpu: "1" }));
    await Promise.all([a.cluster.settle(), b.cluster.settle(), a.cluster.settle()]);
    await settle(b.cluster);
    const pods = await a.cluster.list("Pod", { labelSelector: "app=web" });
    assert.equal(pods.length, 6);
    assert.deepEqual(await podsPerNode(a.cluster, "web"), {
      "<pending>": 2,
      "node-a": 2,
      "node-b": 2,
    });
    await a.cluster.close();
    await b.cluster.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
