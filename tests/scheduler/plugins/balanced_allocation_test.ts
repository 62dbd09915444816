import assert from "node:assert/strict";
import { balancedAllocation } from "../../../lib/scheduler/mod.ts";
import { makeNode, makePod } from "../../_fixtures.ts";
import { cacheOf, scores } from "../_helpers.ts";

Deno.test("BalancedAllocation: (1 - |cpu fraction - memory fraction| / 2) * 100, pod included", () => {
  const cache = cacheOf([makeNode("a"), makeNode("b"), makeNode("c")], [
    makePod("x", { cpu: "1500m", memory: "1Gi", nodeName: "b" }),
    makePod("y", { cpu: "1500m", memory: "7Gi", nodeName: "c" }),
  ]);
  const pod = makePod("web", { cpu: "500m", memory: "1Gi" });
  // a: cpu 500/4000 = 0.125, memory 1/8 = 0.125: std 0, 100.
  // b: cpu 2000/4000 = 0.5, memory 2/8 = 0.25: std 0.125, 87.5 → 87.
  // c: cpu 0.5, memory 8/8 = 1: std 0.25, 75.
  assert.deepEqual(scores(balancedAllocation, pod, cache), {
    raw: [100, 87, 75],
    normalized: [100, 87, 75],
  });
});

Deno.test("BalancedAllocation: fractions are capped at 1", () => {
  const cache = cacheOf([makeNode("a")], [makePod("x", { memory: "8Gi", nodeName: "a" })]);
  // cpu 1000/4000 = 0.25, memory 9/8 capped to 1: std 0.375, 62.5 → 62.
  assert.deepEqual(scores(balancedAllocation, makePod("web", { cpu: "1", memory: "1Gi" }), cache), {
    raw: [62],
    normalized: [62],
  });
});

Deno.test("BalancedAllocation: a resource the node lacks is left out (one fraction: 100)", () => {
  const node = makeNode("a");
  delete node.status!.allocatable!.memory;
  delete node.status!.capacity!.memory;
  assert.deepEqual(scores(balancedAllocation, makePod("web", { cpu: "3" }), cacheOf([node])), {
    raw: [100],
    normalized: [100],
  });
});

Deno.test("BalancedAllocation: best-effort pods skip the plugin, as in Kubernetes", () => {
  assert.equal(scores(balancedAllocation, makePod("web"), cacheOf([makeNode("a")])), "Skip");
});
