import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { ApiError } from "../../lib/api/errors.ts";
import type { Pod } from "../../lib/api/types.ts";

const manifest = `
apiVersion: v1
kind: Namespace
metadata: { name: team }
---
apiVersion: v1
kind: Node
metadata: { name: node-a, labels: { zone: z1 } }
status: { capacity: { cpu: "4", memory: 8Gi, pods: "110" } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: team }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, resources: { requests: { cpu: 100m } } }] }
`;

async function withTempDir(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "kclone-snapshot-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("saveSnapshot() and loadSnapshot() bring back every object identical", async () => {
  await withTempDir(async (dir) => {
    const source = await Cluster.open();
    await source.apply(manifest);
    const before = (await source.store.dump()).objects;
    await source.saveSnapshot(`${dir}/state.json`);
    await source.close();

    const target = await Cluster.open();
    await target.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "replaced" },
      spec: { containers: [{ name: "a", image: "x" }] },
    });
    await target.loadSnapshot(`${dir}/state.json`);
    assert.deepEqual((await target.store.dump()).objects, before);
    const highest = Math.max(...before.map((o) => Number(o.metadata.resourceVersion)));
    const next = await target.create<Pod>({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "after" },
      spec: { containers: [{ name: "a", image: "x" }] },
    });
    assert.ok(Number(next.metadata.resourceVersion) > highest);
    await target.close();
  });
});

const bad: [string, string, RegExp][] = [
  ["text that is not JSON", "hello: world", /is not a kclone snapshot: invalid JSON/],
  ["JSON that is not a snapshot", '{"kind":"Pod"}', /is not a kclone snapshot: expected "kind"/],
  [
    "a newer snapshot version",
    '{"kind":"KcloneSnapshot","apiVersion":"kclone.dev/v9","items":[]}',
    /snapshot version "kclone.dev\/v9"/,
  ],
  [
    "an object with an unknown field",
    JSON.stringify({
      kind: "KcloneSnapshot",
      apiVersion: "kclone.dev/v1",
      revision: 3,
      items: [{
        apiVersion: "v1",
        kind: "Node",
        metadata: { name: "n", uid: "u", resourceVersion: "3" },
        spec: { bogus: true },
      }],
    }),
    /items\[0\]: .*unknown field "spec\.bogus"/,
  ],
  [
    "an object without a resourceVersion",
    JSON.stringify({
      kind: "KcloneSnapshot",
      apiVersion: "kclone.dev/v1",
      revision: 3,
      items: [{ apiVersion: "v1", kind: "Node", metadata: { name: "n" } }],
    }),
    /items\[0\]: every item needs metadata.name, uid and a numeric resourceVersion/,
  ],
];

for (const [title, text, message] of bad) {
  Deno.test(`loadSnapshot() rejects ${title} and leaves state untouched`, async () => {
    await withTempDir(async (dir) => {
      const cluster = await Cluster.open();
      try {
        await cluster.apply(manifest);
        const before = await cluster.store.dump();
        await Deno.writeTextFile(`${dir}/bad.json`, text);
        await assert.rejects(cluster.loadSnapshot(`${dir}/bad.json`), (error) => {
          assert.ok(error instanceof ApiError);
          assert.equal(error.code, 400);
          assert.match(error.message, message);
          return true;
        });
        assert.deepEqual(await cluster.store.dump(), before);
      } finally {
        await cluster.close();
      }
    });
  });
}

Deno.test("loadSnapshot() of a missing file is a clear error", async () => {
  const cluster = await Cluster.open();
  try {
    await assert.rejects(
      cluster.loadSnapshot("/nonexistent/state.json"),
      /cannot read snapshot \/nonexistent\/state.json/,
    );
  } finally {
    await cluster.close();
  }
});

Deno.test("a snapshot moves a cluster from SQLite to memory and back to a new SQLite file", async () => {
  await withTempDir(async (dir) => {
    const sqlite = await Cluster.open({ db: `${dir}/a.db` });
    await sqlite.apply(manifest);
    const original = (await sqlite.store.dump()).objects;
    await sqlite.saveSnapshot(`${dir}/1.json`);
    await sqlite.close();

    const memory = await Cluster.open();
    await memory.loadSnapshot(`${dir}/1.json`);
    assert.deepEqual((await memory.store.dump()).objects, original);
    await memory.saveSnapshot(`${dir}/2.json`);
    await memory.close();

    const again = await Cluster.open({ db: `${dir}/b.db` });
    await again.loadSnapshot(`${dir}/2.json`);
    assert.deepEqual((await again.store.dump()).objects, original);
    await again.close();
    const reopened = await Cluster.open({ db: `${dir}/b.db` });
    assert.deepEqual((await reopened.store.dump()).objects, original);
    await reopened.close();
  });
});

Deno.test("loadSnapshot() reports its progress through the objects it checks", async () => {
  await withTempDir(async (dir) => {
    const source = await Cluster.open();
    await source.apply(
      Array.from({ length: 250 }, (_, i) => ({
        apiVersion: "v1",
        kind: "Node",
        metadata: { name: `node-${i}` },
      })),
    );
    await source.saveSnapshot(`${dir}/big.json`);
    const total = (await source.store.dump()).objects.length;
    await source.close();
    const target = await Cluster.open();
    const seen: string[] = [];
    await target.loadSnapshot(`${dir}/big.json`, {
      onProgress: (done, of) => seen.push(`${done}/${of}`),
    });
    assert.deepEqual(seen, [`100/${total}`, `200/${total}`, `${total}/${total}`]);
    await target.close();
  });
});
