import assert from "node:assert/strict";
import { ServiceUnavailableError } from "../../lib/api/errors.ts";
import { SqliteStore } from "../../lib/store/sqlite.ts";
import type { WatchEvent } from "../../lib/store/store.ts";
import { childPod, spawnChild } from "./_sqlite_child.ts";

async function withFile(fn: (path: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "kclone-sqlite-" });
  try {
    await fn(`${dir}/kclone.db`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("watch() sees the writes of another process in order, each within 50 ms", async () => {
  await withFile(async (path) => {
    const store = SqliteStore.open(path);
    const stream = store.watch("Pod");
    const child = spawnChild(path, "burst", 200);
    try {
      const events: [WatchEvent, number][] = [];
      for await (const event of stream) {
        if (events.push([event, Date.now()]) === 200) break;
      }
      const { code, rest } = await child.finish();
      assert.equal(code, 0);
      assert.deepEqual(
        events.map(([e]) =>
          `${e.type} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`
        ),
        Array.from({ length: 200 }, (_, i) => `ADDED burst-${i} ${i + 1}`),
      );
      // Latency from the child's acknowledgement to this process's watch, in milliseconds.
      const acknowledged = new Map(rest.map((line) => line.split(" ")).map(([n, t]) => [n, +t]));
      const latencies = events.map(([e, at]) => at - acknowledged.get(e.object.metadata.name!)!);
      latencies.sort((a, b) => a - b);
      const p99 = latencies[Math.ceil(latencies.length * 0.99) - 1];
      assert.ok(p99 <= 50, `p99 latency ${p99} ms (all: ${latencies.join(" ")})`);
    } finally {
      await child.stop();
      await store.close();
    }
  });
});

Deno.test("two processes creating the same names at once get exactly one AlreadyExists per name", async () => {
  await withFile(async (path) => {
    const store = SqliteStore.open(path);
    const children = [spawnChild(path, "race", 100), spawnChild(path, "race", 100)];
    try {
      for (const child of children) assert.equal((await child.lines.next()).value, "ready");
      await Promise.all(children.map((child) => child.send("go\n")));
      const results = await Promise.all(children.map((child) => child.finish()));
      assert.deepEqual(results.map((r) => r.code), [0, 0]);
      const outcomes = new Map<string, string[]>();
      for (const line of results.flatMap((r) => r.rest)) {
        const [outcome, name] = line.split(" ");
        outcomes.set(name, [...outcomes.get(name) ?? [], outcome].sort());
      }
      assert.equal(outcomes.size, 100);
      for (const [name, seen] of outcomes) assert.deepEqual(seen, ["created", "exists"], name);
      assert.equal((await store.list("Pod")).items.length, 100);
      assert.equal(await store.revision(), 100);
    } finally {
      for (const child of children) await child.stop();
      await store.close();
    }
  });
});

Deno.test("a write to a database another process keeps locked is ServiceUnavailable naming the file", async () => {
  await withFile(async (path) => {
    const store = SqliteStore.open(path, { busyTimeoutMs: 100 });
    await store.create(childPod("before"));
    const child = spawnChild(path, "lock");
    try {
      assert.equal((await child.lines.next()).value, "locked");
      const started = performance.now();
      await assert.rejects(
        store.create(childPod("blocked")),
        new ServiceUnavailableError(
          `the store ${path} is locked by another process: gave up after 100 ms`,
        ),
      );
      assert.ok(performance.now() - started >= 90, "the lock was retried for the busy timeout");
      // WAL readers do not wait for the writer, and a second store still opens.
      assert.equal((await store.get("Pod", "default", "before"))?.metadata.name, "before");
      const second = SqliteStore.open(path, { busyTimeoutMs: 100 });
      assert.equal((await second.list("Pod")).items.length, 1);
      await second.close();
      await child.closeStdin();
      assert.equal((await child.finish()).code, 0);
      assert.equal((await store.create(childPod("after"))).metadata.resourceVersion, "2");
    } finally {
      await child.stop();
      await store.close();
    }
  });
});
