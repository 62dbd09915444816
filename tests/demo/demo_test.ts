import assert from "node:assert/strict";
import { runDemo } from "../../lib/demo/demo.ts";

Deno.test("runDemo() reports each of its eight steps as it starts them", async () => {
  const lines: string[] = [];
  const steps: string[] = [];
  await runDemo((line) => lines.push(line), {
    onStep: (done, total) => steps.push(`${done}/${total}`),
  });
  assert.deepEqual(steps, ["1/8", "2/8", "3/8", "4/8", "5/8", "6/8", "7/8", "8/8"]);
  assert.equal(lines.filter((l) => l.startsWith("\n== ")).length, 8);
});
