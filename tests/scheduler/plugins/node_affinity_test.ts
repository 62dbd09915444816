import assert from "node:assert/strict";
import type { NodeSelectorTerm, PreferredSchedulingTerm } from "../../../lib/api/types.ts";
import { nodeAffinity } from "../../../lib/scheduler/mod.ts";
import { makeNode, makePod } from "../../_fixtures.ts";
import { cacheOf, filterReasons, filterStatus, scores } from "../_helpers.ts";

const MISMATCH = ["node(s) didn't match Pod's node affinity/selector"];
const labels = { zone: "a", disk: "ssd", cores: "16" };
const cache = cacheOf([makeNode("node-1", { labels })]);

function required(...nodeSelectorTerms: NodeSelectorTerm[]) {
  return {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } },
  };
}

const cases: [
  string,
  Record<string, string> | undefined,
  NodeSelectorTerm[] | undefined,
  readonly string[] | "Skip",
][] = [
  ["neither selector nor affinity skips the plugin", undefined, undefined, "Skip"],
  ["an empty nodeSelector skips too", {}, undefined, "Skip"],
  ["nodeSelector matches", { zone: "a", disk: "ssd" }, undefined, []],
  ["nodeSelector value differs", { zone: "b" }, undefined, MISMATCH],
  ["nodeSelector key missing", { gpu: "true" }, undefined, MISMATCH],
  [
    "In",
    undefined,
    [{ matchExpressions: [{ key: "zone", operator: "In", values: ["a", "b"] }] }],
    [],
  ],
  ["In, no value matches", undefined, [{
    matchExpressions: [{ key: "zone", operator: "In", values: ["c"] }],
  }], MISMATCH],
  [
    "NotIn",
    undefined,
    [{ matchExpressions: [{ key: "zone", operator: "NotIn", values: ["b"] }] }],
    [],
  ],
  ["NotIn on a missing key matches", undefined, [{
    matchExpressions: [{ key: "gpu", operator: "NotIn", values: ["x"] }],
  }], []],
  ["Exists", undefined, [{ matchExpressions: [{ key: "disk", operator: "Exists" }] }], []],
  [
    "DoesNotExist",
    undefined,
    [{ matchExpressions: [{ key: "disk", operator: "DoesNotExist" }] }],
    MISMATCH,
  ],
  ["Gt: 16 > 8", undefined, [{
    matchExpressions: [{ key: "cores", operator: "Gt", values: ["8"] }],
  }], []],
  ["Gt: 16 > 16 fails", undefined, [{
    matchExpressions: [{ key: "cores", operator: "Gt", values: ["16"] }],
  }], MISMATCH],
  ["Lt: 16 < 32", undefined, [{
    matchExpressions: [{ key: "cores", operator: "Lt", values: ["32"] }],
  }], []],
  ["Lt on a label that is no integer", undefined, [{
    matchExpressions: [{ key: "zone", operator: "Lt", values: ["32"] }],
  }], MISMATCH],
  ["expressions of a term are ANDed", undefined, [{
    matchExpressions: [
      { key: "zone", operator: "In", values: ["a"] },
      { key: "disk", operator: "In", values: ["hdd"] },
    ],
  }], MISMATCH],
  ["terms are ORed", undefined, [
    { matchExpressions: [{ key: "zone", operator: "In", values: ["b"] }] },
    { matchExpressions: [{ key: "disk", operator: "In", values: ["ssd"] }] },
  ], []],
  ["an empty term matches nothing", undefined, [{}], MISMATCH],
  ["matchFields on metadata.name", undefined, [{
    matchFields: [{ key: "metadata.name", operator: "In", values: ["node-1"] }],
  }], []],
  ["matchFields NotIn the node's name", undefined, [{
    matchFields: [{ key: "metadata.name", operator: "NotIn", values: ["node-1"] }],
  }], MISMATCH],
  ["nodeSelector and affinity must both hold", { zone: "b" }, [{
    matchExpressions: [{ key: "zone", operator: "Exists" }],
  }], MISMATCH],
];

for (const [name, nodeSelector, terms, expected] of cases) {
  Deno.test(`NodeAffinity filter: ${name}`, () => {
    const pod = makePod("web", {
      overrides: { spec: { nodeSelector, ...(terms ? { affinity: required(...terms) } : {}) } },
    });
    assert.deepEqual(filterReasons(nodeAffinity, pod, cache, "node-1"), expected);
  });
}

Deno.test("NodeAffinity filter: a mismatch is UnschedulableAndUnresolvable", () => {
  const pod = makePod("web", { overrides: { spec: { nodeSelector: { zone: "z" } } } });
  const status = filterStatus(nodeAffinity, pod, cache, "node-1");
  assert.equal(status !== "Skip" && status?.code, "UnschedulableAndUnresolvable");
});

Deno.test("NodeAffinity score: matching preferred weights add up, normalised to the best", () => {
  const nodes = cacheOf([
    makeNode("a", { labels: { zone: "a", disk: "ssd" } }),
    makeNode("b", { labels: { zone: "a" } }),
    makeNode("c", { labels: { zone: "c" } }),
  ]);
  const preferred: PreferredSchedulingTerm[] = [
    {
      weight: 20,
      preference: { matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] },
    },
    { weight: 60, preference: { matchExpressions: [{ key: "disk", operator: "Exists" }] } },
  ];
  const pod = makePod("web", {
    overrides: {
      spec: {
        affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred } },
      },
    },
  });
  // Raw: a 20 + 60 = 80, b 20, c 0. Normalised 100 * raw / 80: 100, 25, 0.
  assert.deepEqual(scores(nodeAffinity, pod, nodes), {
    raw: [80, 20, 0],
    normalized: [100, 25, 0],
  });
});

Deno.test("NodeAffinity score: a pod without preferred terms skips", () => {
  assert.equal(scores(nodeAffinity, makePod(), cache), "Skip");
});
