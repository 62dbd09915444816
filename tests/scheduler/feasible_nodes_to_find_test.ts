import assert from "node:assert/strict";
import { adaptivePercentage, numFeasibleNodesToFind } from "../../lib/scheduler/mod.ts";

const cases: [number, number, number, string][] = [
  [3, 0, 3, "under 100 nodes: all"],
  [99, 0, 99, "under 100 nodes: all"],
  [100, 0, 100, "adaptive 50 - 100/125 = 50%: 50, raised to 100"],
  [500, 0, 230, "adaptive 50 - 4 = 46%: 500 * 46 / 100 = 230"],
  [1_000, 0, 420, "adaptive 50 - 8 = 42%: 420"],
  [5_000, 0, 500, "adaptive 50 - 40 = 10%: 500"],
  [6_000, 0, 300, "adaptive 50 - 48 = 2%, floored at 5%: 300"],
  [100_000, 0, 5_000, "adaptive floor 5%: 5,000"],
  [150, 10, 100, "10% of 150 = 15, raised to 100"],
  [5_000, 50, 2_500, "set to 50%"],
  [5_000, 100, 5_000, "set to 100%: all"],
];

for (const [nodes, pct, expected, why] of cases) {
  Deno.test(`numFeasibleNodesToFind() of ${nodes} nodes at ${pct}% is ${expected} (${why})`, () => {
    assert.equal(numFeasibleNodesToFind(nodes, pct), expected);
  });
}

Deno.test("adaptivePercentage() never goes below 5", () => {
  assert.deepEqual([0, 125, 1_000, 5_625, 10_000].map(adaptivePercentage), [50, 49, 42, 5, 5]);
});
