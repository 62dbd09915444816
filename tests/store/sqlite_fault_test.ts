import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { SqliteStore } from "../../lib/store/sqlite.ts";
import { childPod, spawnChild } from "./_sqlite_child.ts";

Deno.test("a writer killed mid-burst loses no acknowledged write and leaves no gap in the log", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-sqlite-" });
  const path = `${dir}/kclone.db`;
  const child = spawnChild(path, "burst", 100_000);
  try {
    const acknowledged: string[] = [];
    while (acknowledged.length < 300) {
      const { value, done } = await child.lines.next();
      if (done) break;
      acknowledged.push(value.split(" ")[0]);
    }
    // Lines already printed when the kill lands were acknowledged too.
    acknowledged.push(...(await child.stop()).map((line) => line.split(" ")[0]));
    assert.ok(acknowledged.length < 100_000, "the child was killed mid-burst");

    const store = SqliteStore.open(path);
    try {
      for (const name of acknowledged) {
        const stored = await store.get("Pod", "default", name);
        assert.ok(stored, `${name} was acknowledged but is missing`);
        const { uid, resourceVersion, creationTimestamp, generation, ...rest } = stored.metadata;
        assert.ok(uid && resourceVersion && creationTimestamp && generation === 1);
        assert.deepEqual({ ...stored, metadata: rest }, childPod(name));
      }
      const revision = await store.revision();
      assert.ok(revision >= acknowledged.length);
      assert.equal((await store.list("Pod")).items.length, revision);
      const db = new DatabaseSync(path);
      const ids = db.prepare("SELECT id FROM log ORDER BY id").all().map((row) => Number(row.id));
      db.close();
      assert.deepEqual(ids, Array.from({ length: revision }, (_, i) => i + 1));
      const after = await store.create(childPod("after-the-crash"));
      assert.equal(after.metadata.resourceVersion, String(revision + 1));
    } finally {
      await store.close();
    }
  } finally {
    await child.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
