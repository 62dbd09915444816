import assert from "node:assert/strict";
import type { NodeInfo } from "../../lib/scheduler/mod.ts";
import { NodeInfoCache } from "../../lib/scheduler/mod.ts";
import { makeNode, makePod } from "../_fixtures.ts";

/** The accounting of a node, for compact assertions. */
function usage(info: NodeInfo | undefined) {
  return info && {
    cpu: info.requestedMilliCPU,
    memory: info.requestedMemory,
    pods: info.pods.size,
    nonZeroCpu: info.nonZeroMilliCPU,
  };
}
const Mi = 1024 * 1024;

Deno.test("NodeInfoCache.addNode() parses allocatable, labels, readiness and cordon once", () => {
  const cache = new NodeInfoCache();
  cache.addNode(
    makeNode("n", { cpu: "3500m", memory: "2Gi", pods: "20", ready: false, labels: { zone: "a" } }),
  );
  const info = cache.get("n")!;
  assert.deepEqual(
    [
      info.allocatableMilliCPU,
      info.allocatableMemory,
      info.allocatablePods,
      info.ready,
      info.unschedulable,
    ],
    [3500, 2048 * Mi, 20, "False", false],
  );
  assert.equal(info.labels.zone, "a");
});

Deno.test("NodeInfoCache.addNode() falls back to capacity when allocatable is unset", () => {
  const node = makeNode("n", { cpu: "2" });
  delete node.status!.allocatable;
  const cache = new NodeInfoCache();
  cache.addNode(node);
  assert.equal(cache.get("n")!.allocatableMilliCPU, 2000);
});

Deno.test("NodeInfoCache adds, updates and removes bound pods incrementally", () => {
  const cache = new NodeInfoCache();
  cache.addNode(makeNode("n"));
  cache.addPod(makePod("a", { cpu: "500m", memory: "128Mi", nodeName: "n" }));
  cache.addPod(makePod("b", { cpu: "1", nodeName: "n" }));
  // cpu 500 + 1000; memory 128Mi; non-zero cpu counts the same (both set cpu).
  assert.deepEqual(usage(cache.get("n")), {
    cpu: 1500,
    memory: 128 * Mi,
    pods: 2,
    nonZeroCpu: 1500,
  });
  cache.updatePod(makePod("b", { cpu: "2", nodeName: "n" }));
  assert.deepEqual(usage(cache.get("n")), {
    cpu: 2500,
    memory: 128 * Mi,
    pods: 2,
    nonZeroCpu: 2500,
  });
  cache.removePod(makePod("a", { nodeName: "n" }));
  assert.deepEqual(usage(cache.get("n")), { cpu: 2000, memory: 0, pods: 1, nonZeroCpu: 2000 });
  assert.equal(cache.podCount, 1);
});

Deno.test("NodeInfoCache ignores unbound pods and frees finished ones", () => {
  const cache = new NodeInfoCache();
  cache.addNode(makeNode("n"));
  cache.addPod(makePod("pending", { cpu: "1" }));
  cache.addPod(makePod("job", { cpu: "1", nodeName: "n" }));
  assert.deepEqual(usage(cache.get("n")), { cpu: 1000, memory: 0, pods: 1, nonZeroCpu: 1000 });
  cache.updatePod(
    makePod("job", { cpu: "1", nodeName: "n", overrides: { status: { phase: "Succeeded" } } }),
  );
  assert.deepEqual(usage(cache.get("n")), { cpu: 0, memory: 0, pods: 0, nonZeroCpu: 0 });
  cache.addPod(
    makePod("done", { cpu: "1", nodeName: "n", overrides: { status: { phase: "Failed" } } }),
  );
  assert.equal(cache.podCount, 0);
});

Deno.test("NodeInfoCache.assume() counts a pod at once; the watch's addPod confirms it", () => {
  const cache = new NodeInfoCache();
  cache.addNode(makeNode("n"));
  const pod = makePod("web", { cpu: "1" });
  cache.assume(pod, "n");
  assert.equal(cache.isAssumed(pod), true);
  assert.deepEqual(usage(cache.get("n")), { cpu: 1000, memory: 0, pods: 1, nonZeroCpu: 1000 });
  cache.addPod(makePod("web", { cpu: "1", nodeName: "n" }));
  cache.assume(pod, "n"); // a late assume of a confirmed pod changes nothing
  assert.equal(cache.isAssumed(pod), false);
  assert.deepEqual(usage(cache.get("n")), { cpu: 1000, memory: 0, pods: 1, nonZeroCpu: 1000 });
});

Deno.test("NodeInfoCache.forget() undoes an assume whose binding failed", () => {
  const cache = new NodeInfoCache();
  cache.addNode(makeNode("n"));
  const pod = makePod("web", { cpu: "1" });
  cache.assume(pod, "n");
  cache.forget(pod);
  assert.deepEqual(usage(cache.get("n")), { cpu: 0, memory: 0, pods: 0, nonZeroCpu: 0 });
  cache.addPod(makePod("web", { cpu: "1", nodeName: "n" }));
  cache.forget(pod); // confirmed pods are not forgotten
  assert.equal(cache.get("n")!.pods.size, 1);
});

Deno.test("NodeInfoCache moves a pod whose node changed", () => {
  const cache = new NodeInfoCache();
  cache.addNode(makeNode("a"));
  cache.addNode(makeNode("b"));
  cache.assume(makePod("web", { cpu: "1" }), "a");
  cache.addPod(makePod("web", { cpu: "1", nodeName: "b" }));
  assert.deepEqual([cache.get("a")!.requestedMilliCPU, cache.get("b")!.requestedMilliCPU], [
    0,
    1000,
  ]);
});

Deno.test("NodeInfoCache.removePod() ignores a stale delete of an older pod of the same name", () => {
  const cache = new NodeInfoCache();
  cache.addNode(makeNode("n"));
  cache.addPod(
    makePod("web", { cpu: "1", nodeName: "n", overrides: { metadata: { uid: "new" } } }),
  );
  cache.removePod(makePod("web", { nodeName: "n", overrides: { metadata: { uid: "old" } } }));
  assert.equal(cache.podCount, 1);
});

Deno.test("NodeInfoCache counts missing requests as 100m and 200Mi for scoring only", () => {
  const cache = new NodeInfoCache();
  cache.addNode(makeNode("n"));
  cache.addPod(makePod("web", { nodeName: "n" }));
  const info = cache.get("n")!;
  assert.deepEqual([info.requestedMilliCPU, info.nonZeroMilliCPU, info.nonZeroMemory], [
    0,
    100,
    200 * Mi,
  ]);
});

Deno.test("NodeInfoCache keeps pods that arrive before their node, and after it is removed", () => {
  const cache = new NodeInfoCache();
  cache.addPod(makePod("early", { cpu: "1", nodeName: "n" }));
  assert.deepEqual(cache.nodeInfos(), []);
  cache.addNode(makeNode("n"));
  assert.deepEqual(cache.nodeInfos().map((i) => [i.name, i.requestedMilliCPU]), [["n", 1000]]);
  cache.removeNode("n");
  assert.deepEqual([cache.nodeInfos().length, cache.get("n")?.requestedMilliCPU], [0, 1000]);
  cache.removePod(makePod("early", { nodeName: "n" }));
  assert.equal(cache.get("n"), undefined);
});

Deno.test("NodeInfoCache.nodeInfos() lists nodes sorted by name", () => {
  const cache = new NodeInfoCache();
  for (const name of ["c", "a", "b"]) cache.addNode(makeNode(name));
  assert.deepEqual(cache.nodeInfos().map((i) => i.name), ["a", "b", "c"]);
});

Deno.test("NodeInfoCache tracks only the nodes whose pods have pod affinity", () => {
  const cache = new NodeInfoCache();
  cache.addNode(makeNode("a"));
  cache.addNode(makeNode("b"));
  const anti = {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{
        labelSelector: { matchLabels: { app: "web" } },
        topologyKey: "kubernetes.io/hostname",
      }],
    },
  };
  cache.addPod(makePod("plain", { nodeName: "a" }));
  cache.addPod(makePod("picky", { nodeName: "b", overrides: { spec: { affinity: anti } } }));
  assert.deepEqual(cache.nodesWithAffinityPods().map((i) => i.name), ["b"]);
  assert.deepEqual(cache.nodesWithRequiredAntiAffinityPods().map((i) => i.name), ["b"]);
  cache.removePod(makePod("picky", { nodeName: "b" }));
  assert.deepEqual(cache.nodesWithAffinityPods(), []);
});
