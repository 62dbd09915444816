import assert from "node:assert/strict";
import type { Pod } from "../../lib/api/types.ts";
import { type CacheEvent, ClusterCache } from "../../lib/controllers/cluster_cache.ts";
import { MemoryStore } from "../../lib/store/memory.ts";
import { makeNode, makePod } from "../_fixtures.ts";

const summary = (events: CacheEvent[]) =>
  events.map((e) =>
    `${e.type} ${e.object.kind}/${e.object.metadata.name}${
      e.old ? ` from ${(e.old as Pod).status?.phase ?? (e.old as Pod).spec.nodeName}` : ""
    }`
  );

/** A store with two nodes and three pods, and the revision of that state. */
async function checkpointed(): Promise<{ store: MemoryStore; revision: number }> {
  const store = new MemoryStore();
  await store.create(makeNode("n1"));
  await store.create(makeNode("n2"));
  await store.create(makePod("a", { nodeName: "n1" }));
  await store.create(makePod("b", { nodeName: "n1" }));
  await store.create(makePod("c", { nodeName: "n2" }));
  return { store, revision: await store.revision() };
}

Deno.test("a cache that resumes holds every kind but pods and tells only the changes since", async () => {
  const { store, revision } = await checkpointed();
  const a = (await store.get("Pod", "default", "a"))!;
  await store.update({ ...a, status: { phase: "Running" } });
  await store.create(makePod("d"));
  await store.create(makeNode("n3"));
  const cache = new ClusterCache(store);
  const events: CacheEvent[] = [];
  cache.onChange((e) => events.push(e));
  assert.equal(await cache.resume(revision), true);
  assert.deepEqual(cache.list("Node").map((n) => n.metadata.name).sort(), ["n1", "n2", "n3"]);
  assert.deepEqual(events, [], "reading the other kinds tells nothing");
  await cache.replay();
  assert.deepEqual(summary(events), [
    "MODIFIED Pod/a from n1",
    "ADDED Pod/d",
    "ADDED Node/n3",
  ]);
  assert.equal(cache.get("Pod", "default", "a")?.status?.phase, "Running");
  assert.equal(cache.get("Pod", "default", "b"), undefined, "not read yet");
  assert.equal(cache.podsComplete, false);
  assert.throws(() => cache.list("Pod"), /reads pods on demand/);
  assert.throws(() => cache.podsOnNode("n1"), /reads pods on demand/);
});

Deno.test("pods are read by node, unbound, or all, and their later changes come with their state before", async () => {
  const { store, revision } = await checkpointed();
  const cache = new ClusterCache(store);
  const events: CacheEvent[] = [];
  cache.onChange((e) => events.push(e));
  await cache.resume(revision);
  await cache.replay();
  assert.deepEqual((await cache.loadPodsOnNode("n1")).map((p) => p.metadata.name).sort(), [
    "a",
    "b",
  ]);
  await store.create(makePod("e"));
  assert.deepEqual((await cache.loadUnboundPods()).map((p) => p.metadata.name), ["e"]);
  const c = (await store.get("Pod", "default", "c"))!;
  await store.update({ ...c, status: { phase: "Succeeded" } });
  await cache.sync();
  assert.deepEqual(summary(events), ["ADDED Pod/e", "MODIFIED Pod/c from n2"]);
  await cache.completePods();
  assert.equal(cache.podsComplete, true);
  assert.deepEqual(cache.list("Pod").map((p) => p.metadata.name).sort(), ["a", "b", "c", "e"]);
});

Deno.test("a deletion while pods are read on demand reads every pod first, so dependents are known", async () => {
  const { store, revision } = await checkpointed();
  const cache = new ClusterCache(store);
  await cache.resume(revision);
  await cache.replay();
  await store.delete("Node", undefined, "n2");
  const seen: string[] = [];
  cache.onChange((e) => seen.push(`${e.type} ${e.object.metadata.name} ${cache.podsComplete}`));
  await cache.sync();
  assert.deepEqual(seen, ["DELETED n2 true"]);
  assert.deepEqual(cache.podsOnNode("n2").map((p) => p.metadata.name), ["c"]);
});

Deno.test("a cache cannot resume from a revision the log no longer reaches", async () => {
  const { store, revision } = await checkpointed();
  await store.create(makePod("d"));
  await store.compact(revision + 1);
  const cache = new ClusterCache(store);
  assert.equal(await cache.resume(revision), false);
  assert.deepEqual(cache.list("Node"), []);
  await cache.sync();
  assert.equal(cache.list("Pod").length, 4);
});
