import assert from "node:assert/strict";
import { frozenCopy } from "../../lib/store/_object.ts";
import { MemoryStore } from "../../lib/store/memory.ts";
import type { Pod } from "../../lib/api/types.ts";

Deno.test("frozenCopy() copies as a JSON round trip does", () => {
  const input = {
    kept: "a",
    dropped: undefined,
    list: [1, undefined, Number.NaN],
    when: new Date(Date.UTC(2024, 0, 2)),
    nested: { deep: [{ x: 1 }] },
  };
  assert.deepEqual(frozenCopy(input), {
    kept: "a",
    list: [1, null, null],
    when: "2024-01-02T00:00:00.000Z",
    nested: { deep: [{ x: 1 }] },
  });
  assert.deepEqual(input.list, [1, undefined, Number.NaN]);
});

Deno.test("frozenCopy() freezes every level and never shares the caller's objects", () => {
  const input = { spec: { containers: [{ name: "web" }] } };
  const copy = frozenCopy(input);
  assert.ok(Object.isFrozen(copy));
  assert.ok(Object.isFrozen(copy.spec.containers[0]));
  assert.notEqual(copy.spec, input.spec);
  input.spec.containers[0].name = "changed";
  assert.equal(copy.spec.containers[0].name, "web");
});

Deno.test("frozenCopy() shares parts that are already deeply frozen", () => {
  const first = frozenCopy({ spec: { nodeName: "a" }, status: { phase: "Pending" } });
  const next = frozenCopy({ ...first, status: { phase: "Running" } });
  assert.equal(next.spec, first.spec);
  assert.deepEqual(next.status, { phase: "Running" });
  assert.ok(Object.isFrozen(next) && Object.isFrozen(next.status));
});

Deno.test("MemoryStore hands out one frozen object to every reader", async () => {
  const store = new MemoryStore();
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web", namespace: "default" },
    spec: { containers: [{ name: "web", image: "nginx" }] },
  };
  await store.create(pod);
  const got = (await store.get("Pod", "default", "web"))!;
  const { changes } = await store.changes(0);
  assert.equal(changes[0].object, got);
  assert.equal((await store.list("Pod")).items[0], got);
  assert.throws(() => (got.spec.nodeName = "n1"), TypeError);
  assert.equal((await store.get("Pod", "default", "web"))!.spec.nodeName, undefined);
});
