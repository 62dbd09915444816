import assert from "node:assert/strict";
import { SchedulingAlgorithm } from "../../lib/scheduler/mod.ts";
import { makeNode, makePod } from "../_fixtures.ts";
import { cacheOf } from "./_helpers.ts";

const ok = (plugin: string) => ({ plugin, code: "Success", reasons: [] });

Deno.test("schedule() explains every examined node, every score and the choice", () => {
  const cache = cacheOf([
    makeNode("node-a"),
    makeNode("node-b"),
    makeNode("node-c", { overrides: { spec: { unschedulable: true } } }),
    makeNode("node-d", { cpu: "1" }),
  ], [makePod("running", { cpu: "1500m", memory: "1Gi", nodeName: "node-a" })]);
  const result = new SchedulingAlgorithm().schedule(
    makePod("web", { cpu: "2", memory: "1Gi" }),
    cache,
  );
  assert.equal(result.nodeName, "node-a");
  assert.deepEqual(result.reasons, { "node(s) were unschedulable": 1, "Insufficient cpu": 1 });
  // Round-trips through JSON unchanged: a plain object.
  const explanation = JSON.parse(JSON.stringify(result.explanation));
  assert.deepEqual(explanation, result.explanation);
  assert.deepEqual(explanation, {
    pod: "default/web",
    strategy: "MostAllocated",
    nodesTotal: 4,
    nodesExamined: 4,
    nodesFeasible: 2,
    feasibleNodesToFind: 4,
    startIndex: 0,
    sampled: false,
    sampling: "Examined all 4 nodes (clusters under 100 nodes are always examined in full).",
    filters: {
      plugins: ["NodeUnschedulable", "NodeReady", "TaintToleration", "NodeResourcesFit"],
      skipped: ["NodeName", "NodeAffinity", "InterPodAffinity"],
      passed: ["node-a", "node-b"],
      failed: [
        {
          node: "node-c",
          statuses: [{
            plugin: "NodeUnschedulable",
            code: "UnschedulableAndUnresolvable",
            reasons: ["node(s) were unschedulable"],
          }],
        },
        {
          node: "node-d",
          statuses: [
            ok("NodeUnschedulable"),
            ok("NodeReady"),
            ok("TaintToleration"),
            // 2000m > 1000m, and 2000m > the whole node: preemption could not help.
            {
              plugin: "NodeResourcesFit",
              code: "UnschedulableAndUnresolvable",
              reasons: ["Insufficient cpu"],
            },
          ],
        },
      ],
    },
    scores: {
      nodes: ["node-a", "node-b"],
      plugins: [
        // No PreferNoSchedule taints: raw 0 everywhere, reversed to 100, weight 3.
        {
          plugin: "TaintToleration",
          weight: 3,
          raw: [0, 0],
          normalized: [100, 100],
          weighted: [300, 300],
        },
        // node-a: cpu 3500 * 100 / 4000 = 87, memory 2Gi * 100 / 8Gi = 25 → 56.
        // node-b: cpu 2000 * 100 / 4000 = 50, memory 12 → 31.
        {
          plugin: "NodeResourcesFit",
          weight: 1,
          raw: [56, 31],
          normalized: [56, 31],
          weighted: [56, 31],
        },
      ],
      skipped: ["NodeResourcesBalancedAllocation", "NodeAffinity", "InterPodAffinity"],
      total: [356, 331],
    },
    chosen: "node-a",
    detailed: true,
  });
});

Deno.test("schedule() with explain off keeps the summary only", () => {
  const cache = cacheOf([makeNode("node-a"), makeNode("node-b")]);
  const { explanation } = new SchedulingAlgorithm({ explain: false }).schedule(makePod(), cache);
  assert.deepEqual(
    [
      explanation.chosen,
      explanation.nodesExamined,
      explanation.filters.passed,
      explanation.scores.plugins,
    ],
    ["node-a", 2, [], []],
  );
  assert.equal(explanation.detailed, false);
});

const thousand = () =>
  cacheOf(Array.from({ length: 1_000 }, (_, i) => makeNode(`node-${String(i).padStart(4, "0")}`)));

Deno.test("schedule() examines 420 of 1,000 nodes (adaptive 42%) and rotates the start", () => {
  const cache = thousand();
  const scheduler = new SchedulingAlgorithm();
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { explanation } = scheduler.schedule(makePod(`web-${i}`), cache);
    assert.deepEqual([explanation.nodesExamined, explanation.nodesFeasible, explanation.sampled], [
      420,
      420,
      true,
    ]);
    starts.push(explanation.startIndex);
  }
  // 0, then 0 + 420, then 840; the next wraps to (840 + 420) % 1000 = 260.
  assert.deepEqual(starts, [0, 420, 840]);
  assert.equal(scheduler.nextStartNodeIndex, 260);
});

Deno.test("schedule() says in words which nodes it examined", () => {
  const { explanation } = new SchedulingAlgorithm().schedule(makePod(), thousand());
  assert.equal(
    explanation.sampling,
    "Examined 420 of 1000 nodes from index 0 of the name-sorted list, stopping at 420 feasible " +
      "nodes (adaptive percentageOfNodesToScore 42%); the other 580 nodes were not considered.",
  );
});

Deno.test("schedule() keeps examining past infeasible nodes until enough fit", () => {
  const cache = thousand();
  // 100 cordoned nodes at the start of the scan: 520 examined to find 420.
  for (let i = 0; i < 100; i++) {
    cache.updateNode(
      makeNode(`node-${String(i).padStart(4, "0")}`, {
        overrides: { spec: { unschedulable: true } },
      }),
    );
  }
  const { explanation, reasons } = new SchedulingAlgorithm().schedule(makePod(), cache);
  assert.deepEqual([explanation.nodesExamined, explanation.nodesFeasible], [520, 420]);
  assert.deepEqual(reasons, { "node(s) were unschedulable": 100 });
});

Deno.test("schedule() examines every node when exhaustive, or at a set percentage", () => {
  const cache = thousand();
  const exhaustive =
    new SchedulingAlgorithm({ exhaustive: true }).schedule(makePod(), cache).explanation;
  assert.deepEqual([exhaustive.nodesExamined, exhaustive.sampled, exhaustive.sampling], [
    1_000,
    false,
    "Examined all 1000 nodes (exhaustive).",
  ]);
  const tenth = new SchedulingAlgorithm({ percentageOfNodesToScore: 10 }).schedule(makePod(), cache)
    .explanation;
  // 10% of 1000 = 100.
  assert.equal(tenth.nodesExamined, 100);
});
