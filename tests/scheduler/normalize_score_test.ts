import assert from "node:assert/strict";
import { defaultNormalizeScore } from "../../lib/scheduler/mod.ts";

const cases: [number[], boolean, number[], string][] = [
  [[0, 1, 3], false, [0, 33, 100], "100 * score / max, truncated: 100/3 = 33"],
  [[0, 1, 3], true, [100, 67, 0], "reversed: 100 - 33 = 67"],
  [[0, 0], false, [0, 0], "all zero stays zero"],
  [[0, 0], true, [100, 100], "all zero reversed is 100"],
  [[80, 20, 0], false, [100, 25, 0], "80 is the best"],
];

for (const [scores, reverse, expected, why] of cases) {
  Deno.test(`defaultNormalizeScore(): ${why}`, () => {
    const out = [...scores];
    defaultNormalizeScore(out, reverse);
    assert.deepEqual(out, expected);
  });
}
