import assert from "node:assert/strict";
import type { Taint, Toleration } from "../../../lib/api/types.ts";
import { taintToleration } from "../../../lib/scheduler/mod.ts";
import { makeNode, makePod } from "../../_fixtures.ts";
import { cacheOf, filterReasons, filterStatus, scores } from "../_helpers.ts";

const gpu: Taint = { key: "dedicated", value: "gpu", effect: "NoSchedule" };
const sla = (value: string): Taint => ({ key: "sla", value, effect: "NoSchedule" });
const GPU_REASON = "node(s) had untolerated taint {dedicated: gpu}";

const filterCases: [string, Taint[], Toleration[], readonly string[]][] = [
  ["no taints", [], [], []],
  ["an untolerated NoSchedule taint", [gpu], [], [GPU_REASON]],
  ["an untolerated NoExecute taint", [{ key: "k", effect: "NoExecute" }], [], [
    "node(s) had untolerated taint {k: }",
  ]],
  ["PreferNoSchedule never filters", [{ key: "k", effect: "PreferNoSchedule" }], [], []],
  ["Equal with the value", [gpu], [{ key: "dedicated", value: "gpu" }], []],
  ["Equal with another value", [gpu], [{ key: "dedicated", value: "cpu" }], [GPU_REASON]],
  ["Exists on the key", [gpu], [{ key: "dedicated", operator: "Exists" }], []],
  ["Exists without key tolerates all", [gpu], [{ operator: "Exists" }], []],
  ["the wrong effect", [gpu], [{ key: "dedicated", operator: "Exists", effect: "NoExecute" }], [
    GPU_REASON,
  ]],
  ["the first untolerated taint is reported", [{ key: "a", effect: "NoSchedule" }, gpu], [
    { key: "a", operator: "Exists" },
  ], [GPU_REASON]],
  // Gt: the taint's value must be greater than the toleration's (950 > 800 tolerated).
  [
    "Gt tolerates a greater value",
    [sla("950")],
    [{ key: "sla", operator: "Gt", value: "800" }],
    [],
  ],
  ["Gt refuses an equal value", [sla("800")], [{ key: "sla", operator: "Gt", value: "800" }], [
    "node(s) had untolerated taint {sla: 800}",
  ]],
  ["Lt tolerates a smaller value", [sla("-5")], [{ key: "sla", operator: "Lt", value: "3" }], []],
  ["Lt refuses a greater value", [sla("5")], [{ key: "sla", operator: "Lt", value: "3" }], [
    "node(s) had untolerated taint {sla: 5}",
  ]],
  [
    "Gt on a value that is no integer",
    [sla("high")],
    [{ key: "sla", operator: "Gt", value: "1" }],
    [
      "node(s) had untolerated taint {sla: high}",
    ],
  ],
];

for (const [name, taints, tolerations, expected] of filterCases) {
  Deno.test(`TaintToleration filter: ${name}`, () => {
    const cache = cacheOf([makeNode("n", { taints })]);
    const pod = makePod("web", { overrides: { spec: { tolerations } } });
    assert.deepEqual(filterReasons(taintToleration, pod, cache, "n"), expected);
  });
}

Deno.test("TaintToleration filter: an untolerated taint is UnschedulableAndUnresolvable", () => {
  const status = filterStatus(
    taintToleration,
    makePod(),
    cacheOf([makeNode("n", { taints: [gpu] })]),
    "n",
  );
  assert.equal(status !== "Skip" && status?.code, "UnschedulableAndUnresolvable");
});

Deno.test("TaintToleration score: fewer untolerated PreferNoSchedule taints score higher", () => {
  const prefer = (key: string): Taint => ({ key, effect: "PreferNoSchedule" });
  const cache = cacheOf([
    makeNode("a", { taints: [] }),
    makeNode("b", { taints: [prefer("x")] }),
    makeNode("c", { taints: [prefer("x"), prefer("y"), prefer("z")] }),
    makeNode("d", { taints: [prefer("y"), gpu] }), // NoSchedule taints do not count here
  ]);
  // Raw: untolerated PreferNoSchedule taints; the pod tolerates y (effect empty: every effect).
  // a 0, b 1, c 2 (x, z), d 0. Reversed over max 2: 100 - 100*n/2 → 100, 50, 0, 100.
  const pod = makePod("web", {
    overrides: { spec: { tolerations: [{ key: "y", operator: "Exists" }] } },
  });
  assert.deepEqual(scores(taintToleration, pod, cache), {
    raw: [0, 1, 2, 0],
    normalized: [100, 50, 0, 100],
  });
});

Deno.test("TaintToleration score: a NoSchedule-only toleration does not cover PreferNoSchedule", () => {
  const cache = cacheOf([
    makeNode("a", { taints: [{ key: "x", effect: "PreferNoSchedule" }] }),
    makeNode("b"),
  ]);
  const tolerations: Toleration[] = [{ key: "x", operator: "Exists", effect: "NoSchedule" }];
  // a 1, b 0 → reversed over max 1: 0, 100.
  assert.deepEqual(
    scores(taintToleration, makePod("web", { overrides: { spec: { tolerations } } }), cache),
    {
      raw: [1, 0],
      normalized: [0, 100],
    },
  );
});

Deno.test("TaintToleration score: no such taints anywhere gives every node 100", () => {
  const cache = cacheOf([makeNode("a"), makeNode("b")]);
  assert.deepEqual(scores(taintToleration, makePod(), cache), {
    raw: [0, 0],
    normalized: [100, 100],
  });
});
