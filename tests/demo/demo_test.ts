import assert from "node:assert/strict";
import { runDemo } from "../../lib/demo/demo.ts";

Deno.test("runDemo() reports each of its seven steps as it starts them", async () => {
  const lines: string[] = [];
  const steps: string[] = [];
  await runDemo((line) => lines.push(line), {
    onStep: (done, total) => steps.push(`${done}/${total}`),
  });
  assert.deepEqual(steps, ["1/7", "2/7", "3/7", "4/7", "5/7", "6/7", "7/7"]);
  assert.equal(lines.filter((l) => l.startsWith("\n== ")).length, 7);
});
