import assert from "node:assert/strict";
import type { Toleration } from "../../../lib/api/types.ts";
import { nodeUnschedulable } from "../../../lib/scheduler/mod.ts";
import { makeNode, makePod } from "../../_fixtures.ts";
import { cacheOf, filterReasons, filterStatus } from "../_helpers.ts";

const CORDONED = "node(s) were unschedulable";
const key = "node.kubernetes.io/unschedulable";

const cases: [string, boolean, Toleration[], readonly string[]][] = [
  ["a schedulable node takes any pod", false, [], []],
  ["a cordoned node refuses a pod without tolerations", true, [], [CORDONED]],
  [
    "the unschedulable taint tolerated",
    true,
    [{ key, operator: "Exists", effect: "NoSchedule" }],
    [],
  ],
  ["tolerating every taint", true, [{ operator: "Exists" }], []],
  ["tolerating only NoExecute", true, [{ key, operator: "Exists", effect: "NoExecute" }], [
    CORDONED,
  ]],
  ["tolerating another key", true, [{ key: "other", operator: "Exists" }], [CORDONED]],
];

for (const [name, cordoned, tolerations, expected] of cases) {
  Deno.test(`NodeUnschedulable: ${name}`, () => {
    const cache = cacheOf([makeNode("n", { overrides: { spec: { unschedulable: cordoned } } })]);
    const pod = makePod("web", { overrides: { spec: { tolerations } } });
    assert.deepEqual(filterReasons(nodeUnschedulable, pod, cache, "n"), expected);
  });
}

Deno.test("NodeUnschedulable: a cordoned node is UnschedulableAndUnresolvable", () => {
  const cache = cacheOf([makeNode("n", { overrides: { spec: { unschedulable: true } } })]);
  const status = filterStatus(nodeUnschedulable, makePod(), cache, "n");
  assert.equal(status !== "Skip" && status?.code, "UnschedulableAndUnresolvable");
});
