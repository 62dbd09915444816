import assert from "node:assert/strict";
import type { Pod } from "../../lib/api/types.ts";
import { deployment, node, openCluster, podsPerNode, settle } from "./_scenario.ts";

Deno.test("bin-packing fills the most allocated node before another gets a pod", async () => {
  const { cluster } = await openCluster();
  try {
    await cluster.apply([node("node-a"), node("node-b")]);
    await cluster.apply(deployment("web", { replicas: 3, cpu: "1" }));
    await settle(cluster);
    const placed = await podsPerNode(cluster, "web");
    assert.deepEqual(Object.values(placed), [3], JSON.stringify(placed));
    await cluster.apply(deployment("web", { replicas: 6, cpu: "1" }));
    await settle(cluster);
    // 4 cpu per node, 1 cpu per pod: the first node is full at 4, the rest go to the other.
    assert.deepEqual(Object.values(await podsPerNode(cluster, "web")).sort(), [2, 4]);
  } finally {
    await cluster.close();
  }
});

Deno.test("LeastAllocated spreads the replicas", async () => {
  const { cluster } = await openCluster({ scheduler: { strategy: "LeastAllocated" } });
  try {
    await cluster.apply([node("node-a"), node("node-b")]);
    await cluster.apply(deployment("web", { replicas: 4, cpu: "500m" }));
    await settle(cluster);
    assert.deepEqual(await podsPerNode(cluster, "web"), { "node-a": 2, "node-b": 2 });
  } finally {
    await cluster.close();
  }
});

Deno.test("pods that fit nowhere stay Pending with kube-scheduler's message and an event", async () => {
  const { cluster } = await openCluster();
  try {
    await cluster.apply([node("node-a"), node("node-b")]);
    await cluster.apply(deployment("web", { replicas: 10, cpu: "1" }));
    await settle(cluster);
    assert.deepEqual(await podsPerNode(cluster, "web"), {
      "<pending>": 2,
      "node-a": 4,
      "node-b": 4,
    });
    const pending = (await cluster.list("Pod")).filter((p) => !p.spec.nodeName) as Pod[];
    for (const pod of pending) {
      assert.equal(pod.status?.phase, "Pending");
      const condition = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
      assert.equal(condition?.status, "False");
      assert.equal(condition?.reason, "Unschedulable");
      assert.equal(condition?.message, "0/2 nodes are available: 2 Insufficient cpu.");
    }
    const events = (await cluster.list("Event")).filter((e) => e.reason === "FailedScheduling");
    assert.equal(events.length, 2);
    assert.equal(events[0].message, "0/2 nodes are available: 2 Insufficient cpu.");
    // A new node makes them fit: they are retried without anyone asking.
    await cluster.apply(node("node-c"));
    await settle(cluster);
    assert.deepEqual(await podsPerNode(cluster, "web"), { "node-a": 4, "node-b": 4, "node-c": 2 });
  } finally {
    await cluster.close();
  }
});

Deno.test("taints repel, tolerations admit, nodeSelector and node affinity choose", async () => {
  const { cluster } = await openCluster();
  try {
    await cluster.apply([
      node("node-a", { labels: { zone: "z1" } }),
      node("gpu", {
        labels: { zone: "z2" },
        taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }],
      }),
    ]);
    await cluster.apply(
      deployment("plain", { replicas: 2, cpu: "100m", podSpec: { nodeSelector: { zone: "z2" } } }),
    );
    await settle(cluster);
    const plain = (await cluster.list("Pod", { labelSelector: "app=plain" }))[0];
    assert.equal(plain.spec.nodeName, undefined);
    assert.equal(
      plain.status?.conditions?.find((c) => c.type === "PodScheduled")?.message,
      "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}.",
    );
    await cluster.apply(deployment("ml", {
      replicas: 2,
      cpu: "100m",
      podSpec: {
        tolerations: [{ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{
                matchExpressions: [{ key: "zone", operator: "In", values: ["z2"] }],
              }],
            },
          },
        },
      },
    }));
    await settle(cluster);
    assert.deepEqual(await podsPerNode(cluster, "ml"), { gpu: 2 });
  } finally {
    await cluster.close();
  }
});

Deno.test("a cordoned node takes no new pods; uncordoning lets them in", async () => {
  const { cluster } = await openCluster();
  try {
    await cluster.apply([node("node-a")]);
    const a = (await cluster.get("Node", "node-a"))!;
    await cluster.update({ ...a, spec: { ...a.spec, unschedulable: true } });
    await cluster.apply(deployment("web", { replicas: 1, cpu: "100m" }));
    await settle(cluster);
    const pod = (await cluster.list("Pod"))[0];
    assert.equal(
      pod.status?.conditions?.find((c) => c.type === "PodScheduled")?.message,
      "0/1 nodes are available: 1 node(s) were unschedulable.",
    );
    const cordoned = (await cluster.get("Node", "node-a"))!;
    await cluster.update({ ...cordoned, spec: { ...cordoned.spec, unschedulable: false } });
    await settle(cluster);
    assert.deepEqual(await podsPerNode(cluster, "web"), { "node-a": 1 });
  } finally {
    await cluster.close();
  }
});

Deno.test("explain() shows every node's filters and the feasible nodes' scores", async () => {
  const { cluster } = await openCluster();
  try {
    await cluster.apply([node("node-a"), node("node-b", { cpu: "1" })]);
    await cluster.apply(deployment("web", { replicas: 1, cpu: "2" }));
    await settle(cluster);
    const pod = (await cluster.list("Pod"))[0];
    const why = await cluster.explain(pod.metadata.name!);
    assert.equal(why.chosen, "node-a");
    assert.deepEqual(why.filters.passed, ["node-a"]);
    assert.deepEqual(why.filters.failed.map((f) => f.node), ["node-b"]);
    assert.ok(JSON.stringify(why.filters.failed[0]).includes("Insufficient cpu"));
    assert.deepEqual(why.scores.nodes, ["node-a"]);
  } finally {
    await cluster.close();
  }
});
