import assert from "node:assert/strict";
import type { Pod } from "../../lib/api/types.ts";
import { SchedulingAlgorithm, trimExplanation } from "../../lib/scheduler/mod.ts";
import { makeNode, makePod } from "../_fixtures.ts";
import { cacheOf } from "./_helpers.ts";

const name = (i: number) => `node-${String(i).padStart(2, "0")}`;

Deno.test("trimExplanation() keeps the best-scored and the first failed nodes", () => {
  // node-00..04 cordoned; node-05..14 run i pods of 400m each, so fuller nodes score higher.
  const running: Pod[] = [];
  for (let i = 5; i < 15; i++) {
    for (let j = 0; j < i; j++) {
      running.push(makePod(`p-${i}-${j}`, { cpu: "400m", nodeName: name(i) }));
    }
  }
  const nodes = Array.from(
    { length: 15 },
    (_, i) => makeNode(name(i), { cpu: "8", overrides: { spec: { unschedulable: i < 5 } } }),
  );
  const { explanation } = new SchedulingAlgorithm().schedule(
    makePod("web", { cpu: "100m" }),
    cacheOf(nodes, running),
  );
  const trimmed = trimExplanation(explanation, { maxNodes: 3 });
  assert.deepEqual(trimmed.scores.nodes, ["node-14", "node-13", "node-12"]);
  assert.equal(trimmed.chosen, "node-14");
  assert.deepEqual(trimmed.filters.passed, trimmed.scores.nodes);
  assert.deepEqual(trimmed.filters.failed.map((f) => f.node), ["node-00", "node-01", "node-02"]);
  assert.deepEqual(trimmed.omitted, { passed: 7, failed: 2 });
  assert.deepEqual(trimmed.scores.plugins.map((p) => p.raw.length), [3, 3]);
  assert.equal(trimmed.nodesExamined, 15);
});

Deno.test("trimExplanation() returns a small explanation as it is", () => {
  const { explanation } = new SchedulingAlgorithm().schedule(makePod(), cacheOf([makeNode("a")]));
  assert.equal(trimExplanation(explanation), explanation);
});
