import assert from "node:assert/strict";
import { FakeClock } from "../../lib/api/clock.ts";
import type { ReplicaSet } from "../../lib/api/types.ts";
import { EventRecorder } from "../../lib/controllers/event_recorder.ts";
import { MemoryStore } from "../../lib/store/memory.ts";

const rs = {
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: { name: "web-1", namespace: "default", uid: "u1" },
} as ReplicaSet;

Deno.test("a repeated event is counted, not duplicated", async () => {
  const store = new MemoryStore();
  const clock = new FakeClock();
  const events = new EventRecorder(store, clock, "replicaset-controller");
  const record = { type: "Normal" as const, reason: "SuccessfulCreate", message: "Created pod: a" };
  await events.record(rs, record);
  clock.advance(5_000);
  await events.record(rs, record);
  const [event] = (await store.list("Event")).items;
  assert.equal(event.count, 2);
  assert.equal(event.involvedObject.name, "web-1");
  assert.equal(event.source?.component, "replicaset-controller");
  assert.equal(event.firstTimestamp, "2026-01-01T00:00:00Z");
  assert.equal(event.lastTimestamp, "2026-01-01T00:00:05Z");
});

Deno.test("more than 10 similar events on one object within 10 minutes are combined", async () => {
  const store = new MemoryStore();
  const clock = new FakeClock();
  const events = new EventRecorder(store, clock);
  for (let i = 1; i <= 25; i++) {
    await events.record(rs, {
      type: "Normal",
      reason: "SuccessfulCreate",
      message: `Created pod: p${i}`,
    });
  }
  const items = (await store.list("Event")).items;
  assert.equal(items.length, 11);
  const combined = items.find((e) => e.message?.startsWith("(combined from similar events): "))!;
  assert.equal(combined.count, 15);
  assert.equal(combined.message, "(combined from similar events): Created pod: p11");
  clock.advance(600_001);
  await events.record(rs, {
    type: "Normal",
    reason: "SuccessfulCreate",
    message: "Created pod: late",
  });
  assert.equal((await store.list("Event")).items.length, 12, "a new window starts apart");
});
