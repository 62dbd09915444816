import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { ApiError } from "../../lib/api/errors.ts";
import type { Pod } from "../../lib/api/types.ts";
import { SqliteStore, type SqliteStoreOptions, StoreOpenError } from "../../lib/store/sqlite.ts";
import type { Store, WatchEvent } from "../../lib/store/store.ts";
import { storeContract } from "./_contract.ts";

storeContract("SqliteStore", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-sqlite-" });
  return {
    store: SqliteStore.open(`${dir}/kclone.db`),
    cleanup: () => Deno.remove(dir, { recursive: true }),
  };
});

function pod(name: string, nodeName?: string, labels: Record<string, string> = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels },
    spec: { containers: [{ name: "app", image: "nginx" }], ...(nodeName ? { nodeName } : {}) },
  };
}

/** Runs `fn` with a store on a fresh file, then closes it and removes the file. */
async function withStore(
  fn: (store: SqliteStore, path: string) => Promise<void>,
  options: SqliteStoreOptions = {},
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "kclone-sqlite-" });
  const store = SqliteStore.open(`${dir}/kclone.db`, options);
  try {
    await fn(store, `${dir}/kclone.db`);
  } finally {
    await store.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/** Reads rows with another connection; node:sqlite rows have no prototype, so spread them. */
function query(path: string, sql: string): Record<string, unknown>[] {
  const db = new DatabaseSync(path);
  try {
    return db.prepare(sql).all().map((row) => ({ ...row }));
  } finally {
    db.close();
  }
}

async function take(stream: AsyncIterable<WatchEvent>, count: number): Promise<string[]> {
  const seen: string[] = [];
  for await (const { type, object } of stream) {
    seen.push(`${type} ${object.metadata.name} ${object.metadata.resourceVersion}`);
    if (seen.length === count) break;
  }
  return seen;
}

async function rejectsWith(promise: Promise<unknown>, reason: string, message: string) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof ApiError, `expected ApiError, got ${error}`);
    assert.equal(error.reason, reason);
    assert.equal(error.message, message);
    return true;
  });
}

Deno.test("SqliteStore.open() creates a missing file and finds everything again on reopening", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-sqlite-" });
  try {
    const first = SqliteStore.open(`${dir}/new.db`);
    const created = await first.create(pod("web"));
    await first.close();
    const second = SqliteStore.open(`${dir}/new.db`);
    assert.deepEqual(await second.get("Pod", "default", "web"), created);
    assert.equal((await second.create(pod("next"))).metadata.resourceVersion, "2");
    await second.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("SqliteStore.open() refuses files that are not kclone stores and leaves them untouched", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-sqlite-" });
  const kcloneStore = async (path: string) => {
    const store = SqliteStore.open(path);
    await store.create(pod("web"));
    await store.close();
  };
  const cases: [string, (path: string) => Promise<void> | void, string][] = [
    [
      "a text file",
      (p) => Deno.writeTextFileSync(p, "name,value\n".repeat(100)),
      "file is not a database",
    ],
    ["another program's database", (p) => {
      const db = new DatabaseSync(p);
      db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY); CREATE TABLE meta (k, v)");
      db.close();
    }, "not a kclone store (an SQLite database with tables meta, users)"],
    ["a newer schema", async (p) => {
      await kcloneStore(p);
      const db = new DatabaseSync(p);
      db.exec("UPDATE meta SET value = 7 WHERE key = 'schema_version'");
      db.close();
    }, "schema version 7 is newer than this kclone reads (1); upgrade kclone"],
    ["a corrupt file", async (p) => {
      await kcloneStore(p);
      const bytes = Deno.readFileSync(p);
      Deno.writeFileSync(p, bytes.fill(0xee, 100, 4096)); // the page of the schema table
    }, "database disk image is malformed"],
  ];
  try {
    for (const [name, make, reason] of cases) {
      await t.step(name, async () => {
        const path = `${dir}/${name.replaceAll(" ", "_")}.db`;
        await make(path);
        const before = Deno.readFileSync(path);
        assert.throws(() => SqliteStore.open(path), (error) => {
          assert.ok(error instanceof StoreOpenError);
          assert.equal(error.message, `cannot open store ${path}: ${reason}`);
          return true;
        });
        assert.deepEqual(Deno.readFileSync(path), before);
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("every write appends one log row at the next revision; current keeps the latest", async () => {
  await withStore(async (store, path) => {
    const a = await store.create(pod("a"));
    await store.update({ ...a, spec: { ...a.spec, nodeName: "n1" } });
    await store.create({ apiVersion: "v1", kind: "Node", metadata: { name: "n1" } });
    await store.delete("Pod", "default", "a");
    const columns = "id, key, kind, namespace, name, created, deleted, prev_revision";
    assert.deepEqual(query(path, `SELECT ${columns} FROM log ORDER BY id`).map(Object.values), [
      [1, "/registry/pods/default/a", "Pod", "default", "a", 1, 0, 0],
      [2, "/registry/pods/default/a", "Pod", "default", "a", 0, 0, 1],
      [3, "/registry/nodes/n1", "Node", "", "n1", 1, 0, 0],
      [4, "/registry/pods/default/a", "Pod", "default", "a", 0, 1, 2],
    ]);
    const [tombstone] = query(path, "SELECT value FROM log WHERE id = 4");
    assert.equal(JSON.parse(String(tombstone.value)).metadata.resourceVersion, "4");
    assert.deepEqual(query(path, "SELECT kind, name, revision FROM current"), [
      { kind: "Node", name: "n1", revision: 3 },
    ]);
  });
});

Deno.test("compact() drops superseded rows and keeps the latest row of each live key", async () => {
  await withStore(async (store, path) => {
    const a = await store.create(pod("a")); // 1
    const a2 = await store.update({ ...a, metadata: { ...a.metadata, labels: { v: "2" } } }); // 2
    await store.create(pod("b")); // 3
    await store.delete("Pod", "default", "b"); // 4
    await store.create(pod("c")); // 5
    await store.update({ ...a2, metadata: { ...a2.metadata, labels: { v: "3" } } }); // 6
    await store.compact(5);
    // 1 and 2 are superseded by 6, 3 by the deletion 4, which is a deletion; 5 is c's latest.
    assert.deepEqual(query(path, "SELECT id FROM log ORDER BY id").map((r) => r.id), [5, 6]);
    assert.deepEqual(query(path, "SELECT value FROM meta WHERE key = 'compact_revision'"), [
      { value: 5 },
    ]);
    assert.deepEqual((await store.list("Pod")).items.map((p) => p.metadata.name), ["a", "c"]);
    await rejectsWith(
      take(store.watch("Pod", { resourceVersion: "4" }), 1),
      "Gone",
      "too old resource version: 4 (5)",
    );
    assert.deepEqual(await take(store.watch("Pod", { resourceVersion: "5" }), 1), ["MODIFIED a 6"]);
  });
});

Deno.test("the store compacts by itself, keeping the last keepRevisions revisions", async () => {
  await withStore(async (store, path) => {
    let object = await store.create(pod("x"));
    for (let i = 0; i < 30; i++) {
      object = await store.update({
        ...object,
        metadata: { ...object.metadata, labels: { i: `${i}` } },
      });
    }
    assert.equal(await store.revision(), 31);
    assert.deepEqual(query(path, "SELECT min(id) AS low, count(*) AS rows FROM log"), [
      { low: 22, rows: 10 },
    ]);
    await rejectsWith(
      take(store.watch("Pod", { resourceVersion: "20" }), 1),
      "Gone",
      "too old resource version: 20 (21)",
    );
    assert.equal((await take(store.watch("Pod", { resourceVersion: "21" }), 10)).length, 10);
  }, { keepRevisions: 10 });
});

Deno.test("automatic compaction never takes changes from this process's open watches", async () => {
  await withStore(async (store) => {
    const stream = store.watch("Pod");
    await store.batch(
      Array.from({ length: 20 }, (_, i) => ({ op: "create", object: pod(`p${i}`) })),
    );
    await store.create(pod("last"));
    const seen = await take(stream, 21);
    assert.deepEqual(seen.slice(-2), ["ADDED p19 20", "ADDED last 21"]);
  }, { keepRevisions: 5 });
});

Deno.test("watch() with a selector reports objects entering it as ADDED and leaving it as DELETED", async () => {
  await withStore(async (store) => {
    const stream = store.watch("Pod", { fieldSelector: "spec.nodeName=n1" });
    const p = await store.create(pod("p")); // 1: does not match
    const bound = await store.update({ ...p, spec: { ...p.spec, nodeName: "n1" } }); // 2
    const labelled = await store.update({
      ...bound,
      metadata: { ...bound.metadata, labels: { a: "b" } },
    });
    await store.update({ ...labelled, spec: { ...labelled.spec, nodeName: "n2" } }); // 4
    await store.delete("Pod", "default", "p"); // 5: did not match any more
    await store.create(pod("q", "n1")); // 6
    const events: WatchEvent[] = [];
    for await (const event of stream) if (events.push(event) === 4) break;
    assert.deepEqual(
      events.map(({ type, object }) =>
        `${type} ${object.metadata.name} ${object.metadata.resourceVersion}`
      ),
      ["ADDED p 2", "MODIFIED p 3", "DELETED p 4", "ADDED q 6"],
    );
    assert.equal((events[2].object as Pod).spec.nodeName, "n1");
  });
});

Deno.test("watch() sees the writes of another SqliteStore on the same file", async () => {
  await withStore(async (store, path) => {
    const other = SqliteStore.open(path);
    try {
      const stream = store.watch("Pod");
      await other.create(pod("from-other"));
      assert.deepEqual(await take(stream, 1), ["ADDED from-other 1"]);
    } finally {
      await other.close();
    }
  });
});

Deno.test("restore() ends watches with Gone and continues the log above the highest revision", async () => {
  await withStore(async (store, path) => {
    const a = await store.create(pod("a"));
    const stream = store.watch("Pod");
    const restored = { ...a, metadata: { ...a.metadata, name: "r", resourceVersion: "50" } };
    await store.restore([restored]);
    await rejectsWith(take(stream, 1), "Gone", "too old resource version: 1 (50)");
    assert.equal((await store.create(pod("b"))).metadata.resourceVersion, "51");
    assert.deepEqual(query(path, "SELECT id, name FROM log ORDER BY id"), [
      { id: 50, name: "r" },
      { id: 51, name: "b" },
    ]);
  });
});

Deno.test("close() ends open watches, and the closed store refuses calls", async () => {
  await withStore(async (store, path) => {
    const seen: string[] = [];
    const watching = (async () => {
      for await (const event of store.watch("Pod")) seen.push(event.object.metadata.name!);
    })();
    await store.create(pod("a"));
    await store.close();
    await watching;
    assert.deepEqual(seen, ["a"]);
    await assert.rejects(
      store.get("Pod", "default", "a"),
      new Error(`the store ${path} is closed`),
    );
  });
});

Deno.test("watch() with a malformed resourceVersion is BadRequest", async () => {
  await withStore(async (store: Store) => {
    await rejectsWith(
      take(store.watch("Pod", { resourceVersion: "x1" }), 1),
      "BadRequest",
      "invalid resource version: x1",
    );
  });
});
