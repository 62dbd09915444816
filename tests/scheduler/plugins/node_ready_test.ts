import assert from "node:assert/strict";
import type { Condition, Toleration } from "../../../lib/api/types.ts";
import { nodeReady } from "../../../lib/scheduler/mod.ts";
import { makeNode, makePod } from "../../_fixtures.ts";
import { cacheOf, filterReasons } from "../_helpers.ts";

const NOT_READY = "node(s) had untolerated taint {node.kubernetes.io/not-ready: }";
const UNREACHABLE = "node(s) had untolerated taint {node.kubernetes.io/unreachable: }";
const tolerateNotReady: Toleration = {
  key: "node.kubernetes.io/not-ready",
  operator: "Exists",
  effect: "NoSchedule",
};

const cases: [string, Condition[], Toleration[], readonly string[]][] = [
  ["Ready=True takes pods", [{ type: "Ready", status: "True" }], [], []],
  ["Ready=False is not-ready", [{ type: "Ready", status: "False" }], [], [NOT_READY]],
  ["Ready=Unknown is unreachable", [{ type: "Ready", status: "Unknown" }], [], [UNREACHABLE]],
  ["no conditions count as Ready (simulated nodes)", [], [], []],
  ["other conditions only count as Ready", [{ type: "MemoryPressure", status: "False" }], [], []],
  ["the not-ready taint tolerated", [{ type: "Ready", status: "False" }], [tolerateNotReady], []],
  // The not-ready toleration does not cover an unreachable node.
  ["unreachable needs its own toleration", [{ type: "Ready", status: "Unknown" }], [
    tolerateNotReady,
  ], [UNREACHABLE]],
  // Default tolerations (NoExecute, 300s) do not let a pod onto a NotReady node.
  ["NoExecute tolerations do not help", [{ type: "Ready", status: "False" }], [
    { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
  ], [NOT_READY]],
];

for (const [name, conditions, tolerations, expected] of cases) {
  Deno.test(`NodeReady: ${name}`, () => {
    const node = makeNode("n");
    node.status!.conditions = conditions;
    const pod = makePod("web", { overrides: { spec: { tolerations } } });
    assert.deepEqual(filterReasons(nodeReady, pod, cacheOf([node]), "n"), expected);
  });
}
