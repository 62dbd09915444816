import assert from "node:assert/strict";
import type { Pod } from "../../lib/api/types.ts";
import {
  type NodeInfoCache,
  nodeResourcesFit,
  type SchedulerOptions,
  SchedulingAlgorithm,
} from "../../lib/scheduler/mod.ts";
import { makeNode, makePod } from "../_fixtures.ts";
import { cacheOf } from "./_helpers.ts";

/** Schedules and assumes `count` pods from `make`, returning where each went. */
function place(
  cache: NodeInfoCache,
  count: number,
  make: (i: number) => Pod,
  options: SchedulerOptions = {},
) {
  const scheduler = new SchedulingAlgorithm(options);
  return Array.from({ length: count }, (_, i) => {
    const pod = make(i);
    const result = scheduler.schedule(pod, cache);
    if (result.nodeName) cache.assume(pod, result.nodeName);
    return result.nodeName ?? result.message;
  });
}
const oneCpu = (i: number) => makePod(`web-${i}`, { cpu: "1" });

Deno.test("schedule() bin-packs by default: 1-cpu pods fill one 4-cpu node, then the next", () => {
  const cache = cacheOf([makeNode("node-a"), makeNode("node-b")]);
  // First pod: both score cpu 1000 * 100 / 4000 = 25, memory 200Mi * 100 / 8Gi = 2 → 13: a tie,
  // broken by name. Then node-a scores 27, 37, 50 against node-b's 13, until it is full.
  assert.deepEqual(place(cache, 9, oneCpu), [
    "node-a",
    "node-a",
    "node-a",
    "node-a",
    "node-b",
    "node-b",
    "node-b",
    "node-b",
    "0/2 nodes are available: 2 Insufficient cpu.",
  ]);
});

Deno.test("schedule() fills the most allocated node first, whatever its name", () => {
  const cache = cacheOf([makeNode("node-a"), makeNode("node-b")], [
    makePod("running", { cpu: "1", nodeName: "node-b" }),
  ]);
  assert.deepEqual(place(cache, 5, oneCpu), ["node-b", "node-b", "node-b", "node-a", "node-a"]);
});

Deno.test("schedule() spreads with LeastAllocated", () => {
  const cache = cacheOf([makeNode("node-a"), makeNode("node-b"), makeNode("node-c")]);
  assert.deepEqual(place(cache, 6, oneCpu, { strategy: "LeastAllocated" }), [
    "node-a",
    "node-b",
    "node-c",
    "node-a",
    "node-b",
    "node-c",
  ]);
});

Deno.test("schedule() breaks ties on the node name, whatever the insertion order", () => {
  const cache = cacheOf([makeNode("node-c"), makeNode("node-a"), makeNode("node-b")]);
  assert.deepEqual(place(cache, 1, oneCpu, { strategy: "LeastAllocated" }), ["node-a"]);
});

Deno.test("schedule() with BalancedAllocation weighted in lets it outvote MostAllocated", () => {
  // node-a runs a pod of 0 cpu (set, so not counted as 100m) and 512Mi, node-b nothing; the pod
  // asks 250m / 512Mi.
  // MostAllocated: a (250*100/4000 = 6, 1024Mi*100/8192Mi = 12) → 9; b (6, 6) → 6: a wins.
  // BalancedAllocation: a |0.0625 - 0.125| / 2 = 0.03125 → 96; b 0 → 100. With weight 1:
  // a 9 + 96 = 105 < b 6 + 100 = 106, so b wins, though a is the fuller node.
  const make = () =>
    cacheOf([makeNode("node-a"), makeNode("node-b")], [
      makePod("x", { cpu: "0", memory: "512Mi", nodeName: "node-a" }),
    ]);
  const pod = () => makePod("web", { cpu: "250m", memory: "512Mi" });
  assert.deepEqual(place(make(), 1, pod), ["node-a"]);
  assert.deepEqual(place(make(), 1, pod, { weights: { NodeResourcesBalancedAllocation: 1 } }), [
    "node-b",
  ]);
});

Deno.test("schedule() prints the issue's example message", () => {
  const cache = cacheOf([
    makeNode("gpu", { taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] }),
    makeNode("small-1", { cpu: "1" }),
    makeNode("small-2", { cpu: "1" }),
  ]);
  const result = new SchedulingAlgorithm().schedule(makePod("web", { cpu: "2" }), cache);
  assert.equal(
    result.message,
    "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.",
  );
  assert.deepEqual(result.reasons, {
    "node(s) had untolerated taint {dedicated: gpu}": 1,
    "Insufficient cpu": 2,
  });
  assert.equal(result.nodeName, undefined);
});

Deno.test("schedule() counts the first failing filter of each node, as kube-scheduler", () => {
  const ssd = { disk: "ssd" };
  const web = { labels: { app: "web" } };
  const keepAway = {
    requiredDuringSchedulingIgnoredDuringExecution: [{
      labelSelector: { matchLabels: { app: "web" } },
      topologyKey: "kubernetes.io/hostname",
    }],
  };
  const cache = cacheOf([
    makeNode("n1", { labels: ssd, overrides: { spec: { unschedulable: true } } }),
    makeNode("n2", { labels: ssd, ready: false }),
    makeNode("n3", {
      labels: ssd,
      taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }],
    }),
    makeNode("n4"),
    makeNode("n5", { labels: ssd, cpu: "500m" }),
    makeNode("n6", { labels: ssd, pods: "1" }),
    makeNode("n7", { labels: ssd }),
    makeNode("n8", { labels: ssd }),
  ], [
    makePod("other", { nodeName: "n6" }),
    makePod("web-1", { ...web, nodeName: "n7" }),
    makePod("db", {
      nodeName: "n8",
      overrides: { spec: { affinity: { podAntiAffinity: keepAway } } },
    }),
  ]);
  const pod = makePod("web-2", {
    ...web,
    cpu: "1",
    overrides: { spec: { nodeSelector: ssd, affinity: { podAntiAffinity: keepAway } } },
  });
  assert.equal(
    new SchedulingAlgorithm().schedule(pod, cache).message,
    "0/8 nodes are available: 1 Insufficient cpu, 1 Too many pods, " +
      "1 node(s) didn't match Pod's node affinity/selector, " +
      "1 node(s) didn't match pod anti-affinity rules, " +
      "1 node(s) didn't satisfy existing pods anti-affinity rules, " +
      "1 node(s) had untolerated taint {dedicated: gpu}, " +
      "1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }, " +
      "1 node(s) were unschedulable.",
  );
});

Deno.test("schedule() reports pod affinity, node name and memory reasons", () => {
  const cache = cacheOf([makeNode("a", { memory: "1Gi" }), makeNode("b")]);
  const scheduler = new SchedulingAlgorithm();
  const named = makePod("pinned", { nodeName: "c" });
  assert.equal(
    scheduler.schedule(named, cache).message,
    "0/2 nodes are available: 2 node(s) didn't match the requested node name.",
  );
  const near = makePod("near", {
    overrides: {
      spec: {
        affinity: {
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{
              labelSelector: { matchLabels: { app: "db" } },
              topologyKey: "kubernetes.io/hostname",
            }],
          },
        },
      },
    },
  });
  assert.equal(
    scheduler.schedule(near, cache).message,
    "0/2 nodes are available: 2 node(s) didn't match pod affinity rules.",
  );
  const big = makePod("big", { cpu: "5", memory: "2Gi" });
  assert.equal(
    scheduler.schedule(big, cache).message,
    "0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.",
  );
});

Deno.test("schedule() without nodes says so as kube-scheduler does", () => {
  const result = new SchedulingAlgorithm().schedule(makePod(), cacheOf([]));
  assert.equal(result.message, "no nodes available to schedule pods");
});

Deno.test("schedule() places pods with required anti-affinity one per node", () => {
  const cache = cacheOf(["a", "b", "c"].map((name) => makeNode(name)));
  const replica = (i: number) =>
    makePod(`web-${i}`, {
      labels: { app: "web" },
      overrides: {
        spec: {
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [{
                labelSelector: { matchLabels: { app: "web" } },
                topologyKey: "kubernetes.io/hostname",
              }],
            },
          },
        },
      },
    });
  assert.deepEqual(place(cache, 4, replica), [
    "a",
    "b",
    "c",
    "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.",
  ]);
});

Deno.test("SchedulingAlgorithm rejects bad options", () => {
  assert.throws(() => new SchedulingAlgorithm({ percentageOfNodesToScore: 101 }), RangeError);
  assert.throws(() => new SchedulingAlgorithm({ weights: { NodeAffinity: -1 } }), RangeError);
});

Deno.test("SchedulingAlgorithm runs the plugins it is given, in their order", () => {
  const cache = cacheOf([makeNode("cordoned", { overrides: { spec: { unschedulable: true } } })]);
  const scheduler = new SchedulingAlgorithm({ plugins: [nodeResourcesFit("LeastAllocated")] });
  const { nodeName, explanation } = scheduler.schedule(makePod(), cache);
  assert.equal(nodeName, "cordoned");
  assert.deepEqual(explanation.filters.plugins, ["NodeResourcesFit"]);
  assert.deepEqual(explanation.scores.plugins.map((p) => p.plugin), ["NodeResourcesFit"]);
});
