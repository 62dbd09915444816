import assert from "node:assert/strict";
import type { Pod } from "../../../lib/api/types.ts";
import { nodeResourcesFit } from "../../../lib/scheduler/mod.ts";
import { makeNode, makePod } from "../../_fixtures.ts";
import { cacheOf, filterReasons, filterStatus, scores } from "../_helpers.ts";

const fit = nodeResourcesFit("MostAllocated");
let serial = 0;
/** A pod bound to node `n`. */
const bound = (cpu?: string, memory?: string): Pod =>
  makePod(`running-${serial++}`, { cpu, memory, nodeName: "n" });

const cases: [
  string,
  { cpu?: string; memory?: string; pods?: string },
  Pod[],
  Pod,
  readonly string[],
][] = [
  // 4000m allocatable, 1500m requested, 500m more fits.
  ["room left", {}, [bound("1500m")], makePod("web", { cpu: "500m" }), []],
  // 3500m + 500m = 4000m: an exact fit.
  ["an exact fit", {}, [bound("3500m")], makePod("web", { cpu: "500m" }), []],
  // 1000m > 4000m - 3500m.
  ["short of cpu", {}, [bound("3500m")], makePod("web", { cpu: "1" }), ["Insufficient cpu"]],
  // 2Gi > 8Gi - 7Gi, and 1000m > 500m: both reasons.
  [
    "short of cpu and memory",
    {},
    [bound("3500m", "7Gi")],
    makePod("web", { cpu: "1", memory: "2Gi" }),
    [
      "Insufficient cpu",
      "Insufficient memory",
    ],
  ],
  // 2 pods + 1 > 2 allocatable.
  ["at the pod limit", { pods: "2" }, [bound(), bound()], makePod("web"), ["Too many pods"]],
  ["at the pod limit and short of cpu", { pods: "1" }, [bound("4")], makePod("web", { cpu: "1" }), [
    "Too many pods",
    "Insufficient cpu",
  ]],
  // No requests: only the pod count matters.
  ["a pod without requests on a full node", {}, [bound("4", "8Gi")], makePod("web"), []],
  // Init containers run alone: max(1 cpu, 3 cpu) = 3000m > 4000m - 1500m.
  [
    "an init container's request counts",
    {},
    [bound("1500m")],
    makePod("web", {
      cpu: "1",
      overrides: {
        spec: { initContainers: [{ name: "init", resources: { requests: { cpu: "3" } } }] },
      },
    }),
    ["Insufficient cpu"],
  ],
];

for (const [name, capacity, running, pod, expected] of cases) {
  Deno.test(`NodeResourcesFit filter: ${name}`, () => {
    const cache = cacheOf([makeNode("n", capacity)], running);
    assert.deepEqual(filterReasons(fit, pod, cache, "n"), expected);
  });
}

Deno.test("NodeResourcesFit filter: extended resources are checked by name", () => {
  const gpuNode = makeNode("n", {
    overrides: { status: { allocatable: { "nvidia.com/gpu": "1" } } },
  });
  const cache = cacheOf([gpuNode, makeNode("plain")], [
    makePod("trainer", {
      nodeName: "n",
      overrides: {
        spec: { containers: [{ name: "t", resources: { requests: { "nvidia.com/gpu": "1" } } }] },
      },
    }),
  ]);
  const pod = makePod("web", {
    overrides: {
      spec: { containers: [{ name: "web", resources: { requests: { "nvidia.com/gpu": "1" } } }] },
    },
  });
  // 1 > 1 - 1 on n; 1 > 0 on a node without gpus.
  assert.deepEqual(filterReasons(fit, pod, cache, "n"), ["Insufficient nvidia.com/gpu"]);
  assert.deepEqual(filterReasons(fit, pod, cache, "plain"), ["Insufficient nvidia.com/gpu"]);
});

Deno.test("NodeResourcesFit filter: a request larger than the node is UnschedulableAndUnresolvable", () => {
  const cache = cacheOf([makeNode("n")], [bound("3500m")]);
  const larger = filterStatus(fit, makePod("big", { cpu: "5" }), cache, "n");
  const later = filterStatus(fit, makePod("small", { cpu: "1" }), cache, "n");
  assert.equal(larger !== "Skip" && larger?.code, "UnschedulableAndUnresolvable");
  assert.equal(later !== "Skip" && later?.code, "Unschedulable");
});

// Nodes: "n" 4 cpu / 8Gi with 1500m / 1Gi requested, "m" empty. Pod: 500m / 1Gi.
const scoreCache = () => cacheOf([makeNode("m"), makeNode("n")], [bound("1500m", "1Gi")]);
const scored = makePod("web", { cpu: "500m", memory: "1Gi" });

Deno.test("NodeResourcesFit score: MostAllocated counts the pod being placed", () => {
  // n: cpu (1500 + 500) * 100 / 4000 = 50, memory (1Gi + 1Gi) * 100 / 8Gi = 25, (50 + 25) / 2 = 37.
  // m: cpu 500 * 100 / 4000 = 12, memory 1Gi * 100 / 8Gi = 12, 12.
  const result = scores(nodeResourcesFit("MostAllocated"), scored, scoreCache());
  assert.deepEqual(result, { raw: [12, 37], normalized: [12, 37] });
});

Deno.test("NodeResourcesFit score: LeastAllocated favours free room", () => {
  // n: cpu (4000 - 2000) * 100 / 4000 = 50, memory (8Gi - 2Gi) * 100 / 8Gi = 75, 125 / 2 = 62.
  // m: cpu 3500 * 100 / 4000 = 87, memory 7Gi * 100 / 8Gi = 87, 87.
  const result = scores(nodeResourcesFit("LeastAllocated"), scored, scoreCache());
  assert.deepEqual(result, { raw: [87, 62], normalized: [87, 62] });
});

Deno.test("NodeResourcesFit score: missing requests count as 100m and 200Mi", () => {
  const cache = cacheOf([makeNode("m")]);
  // MostAllocated: cpu 100 * 100 / 4000 = 2, memory 200Mi * 100 / 8192Mi = 2, 2.
  assert.deepEqual(scores(nodeResourcesFit("MostAllocated"), makePod(), cache), {
    raw: [2],
    normalized: [2],
  });
  // LeastAllocated: cpu 3900 * 100 / 4000 = 97, memory 7992Mi * 100 / 8192Mi = 97, 97.
  assert.deepEqual(scores(nodeResourcesFit("LeastAllocated"), makePod(), cache), {
    raw: [97],
    normalized: [97],
  });
});

Deno.test("NodeResourcesFit score: requests above allocatable score 100 (Most) and 0 (Least)", () => {
  // 1 cpu node with ten pods without requests: 10 * 100m + 100m = 1100m > 1000m.
  const running = Array.from({ length: 10 }, () => bound());
  const cache = cacheOf([makeNode("n", { cpu: "1", memory: "100Gi" })], running);
  // Most: cpu capped at 100; memory 11 * 200Mi * 100 / 102400Mi = 2; (100 + 2) / 2 = 51.
  assert.deepEqual(scores(nodeResourcesFit("MostAllocated"), makePod(), cache), {
    raw: [51],
    normalized: [51],
  });
  // Least: cpu 0; memory (102400 - 2200) * 100 / 102400 = 97; 97 / 2 = 48.
  assert.deepEqual(scores(nodeResourcesFit("LeastAllocated"), makePod(), cache), {
    raw: [48],
    normalized: [48],
  });
});
