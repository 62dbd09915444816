import assert from "node:assert/strict";
import { WorkQueue } from "../../lib/controllers/work_queue.ts";

Deno.test("WorkQueue hands out a key once however often it is added", () => {
  const queue = new WorkQueue();
  queue.add("a");
  queue.add("b");
  queue.add("a");
  assert.equal(queue.length, 2);
  assert.equal(queue.pop(), "a");
  assert.equal(queue.pop(), "b");
  assert.equal(queue.pop(), undefined);
});

Deno.test("WorkQueue never hands out a key being processed; re-adds it after done()", () => {
  const queue = new WorkQueue();
  queue.add("a");
  const key = queue.pop()!;
  queue.add("a");
  assert.equal(queue.pop(), undefined, "a is being processed");
  queue.done(key);
  assert.equal(queue.pop(), "a", "added meanwhile, so it runs again");
  queue.done("a");
  assert.equal(queue.length, 0);
});

Deno.test("WorkQueue delays keys until the clock reaches them", () => {
  const queue = new WorkQueue();
  queue.addAt("late", 2_000);
  queue.addAt("late", 5_000); // the earlier time wins
  queue.addAt("soon", 1_000);
  assert.equal(queue.nextDue(), 1_000);
  queue.promoteDue(999);
  assert.equal(queue.length, 0);
  queue.promoteDue(1_000);
  assert.equal(queue.pop(), "soon");
  queue.promoteDue(2_000);
  assert.equal(queue.pop(), "late");
  assert.equal(queue.nextDue(), undefined);
});
