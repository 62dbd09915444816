import assert from "node:assert/strict";
import type { AnyObject } from "../../lib/api/types.ts";
import { CHUNK_SIZE, listInChunks } from "../../lib/cli/get/list_in_chunks.ts";
import { MemoryStore } from "../../lib/store/memory.ts";

function pod(namespace: string, name: string): AnyObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { namespace, name },
    spec: { containers: [{ name: "c", image: "nginx" }] },
  };
}

Deno.test("listInChunks() reads a list 500 at a time, as kubectl get does, and misses nothing", async () => {
  const store = new MemoryStore();
  const names = Array.from({ length: 1234 }, (_, i) => `p-${String(i).padStart(4, "0")}`);
  await store.batch(names.map((name) => ({ op: "create", object: pod("default", name) })));
  await store.batch([{ op: "create", object: pod("other", "elsewhere") }]);
  const chunks: string[][] = [];
  const count = await listInChunks(store, "Pod", { namespace: "default" }, (chunk) => {
    chunks.push(chunk.map((p) => p.metadata.name!));
  });
  assert.equal(CHUNK_SIZE, 500);
  assert.equal(count, 1234);
  assert.deepEqual(chunks.map((c) => c.length), [500, 500, 234]);
  assert.deepEqual(chunks.flat(), names);
  await store.close();
});

Deno.test("listInChunks() pages across namespaces and over cluster-scoped kinds", async () => {
  const store = new MemoryStore();
  const pods = Array.from({ length: 600 }, (_, i) => pod(`ns-${i % 3}`, `p-${i}`));
  await store.batch(pods.map((object) => ({ op: "create", object })));
  const nodes = Array.from({ length: 501 }, (_, i) => ({
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: `node-${String(i).padStart(3, "0")}` },
  }));
  await store.batch(nodes.map((object) => ({ op: "create", object })));
  const seen: string[] = [];
  assert.equal(
    await listInChunks(store, "Pod", {}, (chunk) => {
      for (const p of chunk) seen.push(`${p.metadata.namespace}/${p.metadata.name}`);
    }),
    600,
  );
  assert.equal(new Set(seen).size, 600);
  let nodeCount = 0;
  assert.equal(await listInChunks(store, "Node", {}, (chunk) => nodeCount += chunk.length), 501);
  assert.equal(nodeCount, 501);
  assert.equal(await listInChunks(store, "Service", {}, () => assert.fail("no chunk")), 0);
  await store.close();
});
