/**
 * The Store contract: every backend registers these cases with its own opener, so memory,
 * SQLite (and later etcd) behave the same way.
 */
import assert from "node:assert/strict";
import type { Store, WatchEvent } from "../../lib/store/store.ts";
import type { AnyObject, Pod } from "../../lib/api/types.ts";
import { ApiError } from "../../lib/api/errors.ts";

/** How a backend's test opens a fresh, empty store. */
export type OpenStore = () => Promise<{ store: Store; cleanup(): Promise<void> }>;

function pod(
  name: string,
  extra: Partial<Pod["spec"]> = {},
  labels: Record<string, string> = {},
): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels },
    spec: { containers: [{ name: "app", image: "nginx" }], ...extra },
    status: { phase: "Pending" },
  };
}

async function rejectsWith(promise: Promise<unknown>, reason: string, code: number) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof ApiError, `expected ApiError, got ${error}`);
    assert.equal(error.reason, reason);
    assert.equal(error.code, code);
    return true;
  });
}

/** Reads `count` events from a watch, then stops it. */
async function take(stream: AsyncIterable<WatchEvent>, count: number): Promise<WatchEvent[]> {
  const events: WatchEvent[] = [];
  if (count === 0) return events;
  for await (const event of stream) {
    events.push(event);
    if (events.length === count) break;
  }
  return events;
}

const summary = (events: WatchEvent[]) =>
  events.map((e) => `${e.type} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`);

/** Registers the contract's cases for one backend. */
export function storeContract(name: string, open: OpenStore): void {
  const test = (title: string, fn: (store: Store) => Promise<void>) =>
    Deno.test(`${name}: ${title}`, async () => {
      const { store, cleanup } = await open();
      try {
        await fn(store);
      } finally {
        await store.close();
        await cleanup();
      }
    });

  test("create() sets uid, creationTimestamp, resourceVersion and generation", async (store) => {
    const created = await store.create(pod("web"));
    assert.match(created.metadata.uid!, /^[0-9a-f-]{36}$/);
    assert.match(created.metadata.creationTimestamp!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(created.metadata.resourceVersion, String(await store.revision()));
    assert.equal(created.metadata.generation, 1);
    assert.deepEqual(await store.get("Pod", "default", "web"), created);
    assert.equal(await store.get("Pod", "default", "nope"), undefined);
    assert.equal(await store.get("Pod", "other", "web"), undefined);
  });

  test("create() of a taken name is AlreadyExists and changes nothing", async (store) => {
    const first = await store.create(pod("web"));
    const revision = await store.revision();
    await rejectsWith(store.create(pod("web", { nodeName: "x" })), "AlreadyExists", 409);
    assert.equal(await store.revision(), revision);
    assert.deepEqual(await store.get("Pod", "default", "web"), first);
  });

  test("cluster-scoped kinds ignore the namespace", async (store) => {
    const node = await store.create({ apiVersion: "v1", kind: "Node", metadata: { name: "n1" } });
    assert.deepEqual(await store.get("Node", undefined, "n1"), node);
    assert.equal((await store.list("Node")).items.length, 1);
  });

  test("every write takes the next revision of one counter for all kinds", async (store) => {
    const start = await store.revision();
    const a = await store.create(pod("a"));
    const n = await store.create({ apiVersion: "v1", kind: "Node", metadata: { name: "n1" } });
    const b = await store.update({ ...a, metadata: { ...a.metadata, labels: { x: "1" } } });
    const d = await store.delete("Node", undefined, "n1");
    assert.deepEqual(
      ([a, n, b] as AnyObject[]).map((o) => Number(o.metadata.resourceVersion)),
      [start + 1, start + 2, start + 3],
    );
    assert.equal(d.metadata.name, "n1");
    assert.equal(await store.revision(), start + 4);
  });

  test("update() with a stale resourceVersion is Conflict and changes nothing", async (store) => {
    const v1 = await store.create(pod("web"));
    const v2 = await store.update({ ...v1, spec: { ...v1.spec, nodeName: "a" } });
    await rejectsWith(
      store.update({ ...v1, spec: { ...v1.spec, nodeName: "b" } }),
      "Conflict",
      409,
    );
    assert.equal((await store.get("Pod", "default", "web"))!.spec.nodeName, "a");
    assert.ok(Number(v2.metadata.resourceVersion) > Number(v1.metadata.resourceVersion));
  });

  test("update() bumps generation on spec changes only and keeps uid", async (store) => {
    const v1 = await store.create(pod("web"));
    const labelled = await store.update({
      ...v1,
      metadata: { ...v1.metadata, labels: { a: "b" } },
    });
    assert.equal(labelled.metadata.generation, 1);
    const moved = await store.update({ ...labelled, spec: { ...labelled.spec, nodeName: "n" } });
    assert.equal(moved.metadata.generation, 2);
    const statusOnly = await store.update({ ...moved, status: { phase: "Running" } });
    assert.equal(statusOnly.metadata.generation, 2);
    const forged = await store.update({
      ...statusOnly,
      metadata: {
        ...statusOnly.metadata,
        uid: "forged",
        creationTimestamp: "1999-01-01T00:00:00Z",
      },
    });
    assert.equal(forged.metadata.uid, v1.metadata.uid);
    assert.equal(forged.metadata.creationTimestamp, v1.metadata.creationTimestamp);
  });

  test("update() and delete() of a missing object are NotFound", async (store) => {
    await rejectsWith(store.update(pod("ghost")), "NotFound", 404);
    await rejectsWith(store.delete("Pod", "default", "ghost"), "NotFound", 404);
  });

  test("delete() returns the last state and honours a resourceVersion precondition", async (store) => {
    const created = await store.create(pod("web"));
    await store.update({ ...created, status: { phase: "Running" } });
    await rejectsWith(
      store.delete("Pod", "default", "web", { resourceVersion: created.metadata.resourceVersion }),
      "Conflict",
      409,
    );
    const deleted = await store.delete("Pod", "default", "web");
    assert.equal((deleted as Pod).status?.phase, "Running");
    assert.equal(await store.get("Pod", "default", "web"), undefined);
  });

  test("objects handed out cannot change the store, nor can the objects given to it", async (store) => {
    const input = pod("web");
    const created = await store.create(input);
    input.metadata.labels!.input = "changed";
    // Handed-out objects are either copies or frozen (a change throws): the store keeps its own.
    const attempt = (change: () => void) => {
      try {
        change();
      } catch (error) {
        assert.ok(error instanceof TypeError);
      }
    };
    attempt(() => created.spec.nodeName = "changed");
    const got = (await store.get("Pod", "default", "web"))!;
    assert.equal(got.spec.nodeName, undefined);
    attempt(() => got.metadata.labels!.x = "y");
    const [listed] = (await store.list("Pod")).items;
    attempt(() => listed.spec.containers.push({ name: "extra", image: "busybox" }));
    const { changes } = await store.changes(0);
    attempt(() => (changes[0].object.metadata.labels!.z = "w"));
    const stored = (await store.get("Pod", "default", "web"))!;
    assert.deepEqual(stored.metadata.labels, {});
    assert.equal(stored.spec.containers.length, 1);
  });

  test("list() filters by namespace, labels and fields, ordered by namespace and name", async (store) => {
    await store.create(pod("b", { nodeName: "n1" }, { app: "web", tier: "fe" }));
    await store.create(pod("a", { nodeName: "n2" }, { app: "web" }));
    await store.create(pod("c", {}, { app: "db" }));
    await store.create({ ...pod("a"), metadata: { name: "a", namespace: "dev", labels: {} } });
    const names = async (options: Parameters<Store["list"]>[1]) =>
      (await store.list("Pod", options)).items.map((p) =>
        `${p.metadata.namespace}/${p.metadata.name}`
      );
    assert.deepEqual(await names({}), ["default/a", "default/b", "default/c", "dev/a"]);
    assert.deepEqual(await names({ namespace: "dev" }), ["dev/a"]);
    assert.deepEqual(await names({ labelSelector: "app=web" }), ["default/a", "default/b"]);
    assert.deepEqual(await names({ labelSelector: "app=web,tier!=fe" }), ["default/a"]);
    assert.deepEqual(await names({ labelSelector: "app in (db),!tier" }), ["default/c"]);
    assert.deepEqual(await names({ labelSelector: { matchLabels: { tier: "fe" } } }), [
      "default/b",
    ]);
    assert.deepEqual(await names({ fieldSelector: "spec.nodeName=n2" }), ["default/a"]);
    assert.deepEqual(await names({ fieldSelector: "spec.nodeName=" }), ["default/c", "dev/a"]);
    assert.deepEqual(await names({ fieldSelector: "metadata.name=a,metadata.namespace!=dev" }), [
      "default/a",
    ]);
    assert.deepEqual(await names({ fieldSelector: "status.phase=Pending", namespace: "dev" }), [
      "dev/a",
    ]);
    const listed = await store.list("Pod");
    assert.equal(listed.resourceVersion, String(await store.revision()));
    await rejectsWith(store.list("Pod", { labelSelector: "app in (" }), "BadRequest", 400);
    await rejectsWith(store.list("Pod", { fieldSelector: "spec.bogus=1" }), "BadRequest", 400);
  });

  test("list() of the pods on a node is in key order and honours the other selectors", async (store) => {
    await store.create({
      ...pod("z", { nodeName: "n1" }),
      metadata: { name: "z", namespace: "dev" },
    });
    await store.create(pod("y", { nodeName: "n1" }, { app: "web" }));
    await store.create(pod("x", { nodeName: "n1" }, { app: "db" }));
    await store.create(pod("w", { nodeName: "n2" }, { app: "web" }));
    const names = async (options: Parameters<Store["list"]>[1]) =>
      (await store.list("Pod", options)).items.map((p) =>
        `${p.metadata.namespace}/${p.metadata.name}`
      );
    assert.deepEqual(await names({ fieldSelector: "spec.nodeName=n1" }), [
      "default/x",
      "default/y",
      "dev/z",
    ]);
    assert.deepEqual(
      await names({ fieldSelector: "spec.nodeName=n1", labelSelector: "app=web" }),
      ["default/y"],
    );
    assert.deepEqual(await names({ fieldSelector: "spec.nodeName=n1", namespace: "dev" }), [
      "dev/z",
    ]);
    assert.deepEqual(await names({ fieldSelector: "spec.nodeName=n3" }), []);
  });

  test("tally() counts the objects of a kind by the values at paths", async (store) => {
    await store.create(pod("a", { nodeName: "n1" }, { app: "web" }));
    await store.create(pod("b", { nodeName: "n1" }, { app: "db" }));
    await store.create(pod("c"));
    await store.create({ apiVersion: "v1", kind: "Node", metadata: { name: "n1" } });
    const { groups, resourceVersion } = await store.tally("Pod", [
      "spec.nodeName",
      "spec.containers",
      "status.phase",
    ]);
    const counted = groups
      .map(({ values: [node, containers, phase], count }) =>
        `${node} ${(containers as { image: string }[]).map((c) => c.image)} ${phase} ${count}`
      )
      .sort();
    assert.deepEqual(counted, ["n1 nginx Pending 2", "undefined nginx Pending 1"]);
    assert.equal(resourceVersion, String(await store.revision()));
    const byLabels = await store.tally("Pod", ["metadata.labels"]);
    assert.deepEqual(
      byLabels.groups.map((g) => `${JSON.stringify(g.values[0])} ${g.count}`).sort(),
      ['{"app":"db"} 1', '{"app":"web"} 1', "{} 1"],
    );
    assert.deepEqual((await store.tally("Node", ["metadata.name", "spec.podCIDR"])).groups, [
      { values: ["n1", undefined], count: 1 },
    ]);
    await rejectsWith(store.tally("Pod", ["metadata.labels.app-name"]), "BadRequest", 400);
  });

  test("list() pages with limit and after in namespace then name order, counting the rest", async (store) => {
    for (const name of ["a", "a-b"]) {
      await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
    }
    for (const key of ["a/z", "a-b/b", "default/x", "a-b/a", "a/m"]) {
      const [namespace, name] = key.split("/");
      await store.create({ ...pod(name), metadata: { name, namespace } });
    }
    const page = async (options: Parameters<Store["list"]>[1]) => {
      const { items, more, remainingItemCount } = await store.list("Pod", options);
      const keys = items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
      return { keys, more: more ?? false, remainingItemCount };
    };
    // "a" sorts before "a-b" as a namespace, although "a-b/" sorts before "a/" as text.
    assert.deepEqual(await page({ limit: 2 }), {
      keys: ["a/m", "a/z"],
      more: true,
      remainingItemCount: 3,
    });
    assert.deepEqual(await page({ limit: 2, after: "a/z" }), {
      keys: ["a-b/a", "a-b/b"],
      more: true,
      remainingItemCount: 1,
    });
    assert.deepEqual(await page({ limit: 2, after: "a-b/b" }), {
      keys: ["default/x"],
      more: false,
      remainingItemCount: undefined,
    });
    assert.deepEqual(await page({ limit: 5 }), {
      keys: ["a/m", "a/z", "a-b/a", "a-b/b", "default/x"],
      more: false,
      remainingItemCount: undefined,
    });
    assert.deepEqual((await page({ after: "a-b/a" })).keys, ["a-b/b", "default/x"]);
    // A key without a name stands for the start of its namespace.
    assert.deepEqual((await page({ after: "a", limit: 1 })).keys, ["a/m"]);
    assert.deepEqual(await page({ namespace: "a-b", limit: 1 }), {
      keys: ["a-b/a"],
      more: true,
      remainingItemCount: 1,
    });
    assert.deepEqual((await page({ namespace: "a-b", after: "a-b/a" })).keys, ["a-b/b"]);
    assert.deepEqual((await page({ namespace: "a-b", after: "a/z" })).keys, ["a-b/a", "a-b/b"]);
    assert.deepEqual((await page({ namespace: "a", after: "a-b/a", limit: 1 })).keys, []);
    const listed = await store.list("Pod", { limit: 1, after: "a/m" });
    assert.equal(listed.resourceVersion, String(await store.revision()));
  });

  test("list() with a selector pages over the matches: more, but no remainingItemCount", async (store) => {
    const names = ["w1", "x1", "x2", "x3", "x4", "x5", "w2", "x6", "w3"];
    for (const name of names) {
      await store.create(pod(name, {}, { app: name.startsWith("w") ? "web" : "db" }));
    }
    const page = async (options: Parameters<Store["list"]>[1]) => {
      const { items, more, remainingItemCount } = await store.list("Pod", {
        labelSelector: "app=web",
        ...options,
      });
      return { names: items.map((p) => p.metadata.name), more: more ?? false, remainingItemCount };
    };
    assert.deepEqual(await page({ limit: 1 }), {
      names: ["w1"],
      more: true,
      remainingItemCount: undefined,
    });
    assert.deepEqual(await page({ limit: 1, after: "default/w1" }), {
      names: ["w2"],
      more: true,
      remainingItemCount: undefined,
    });
    assert.deepEqual(await page({ limit: 1, after: "default/w2" }), {
      names: ["w3"],
      more: false,
      remainingItemCount: undefined,
    });
    assert.deepEqual((await page({ limit: 2, fieldSelector: "metadata.name!=w2" })).names, [
      "w1",
      "w3",
    ]);
  });

  test("list() of a cluster-scoped kind pages by name", async (store) => {
    for (const name of ["n3", "n1", "n2"]) {
      await store.create({ apiVersion: "v1", kind: "Node", metadata: { name } });
    }
    const first = await store.list("Node", { limit: 2 });
    assert.deepEqual(first.items.map((n) => n.metadata.name), ["n1", "n2"]);
    assert.equal(first.more, true);
    assert.equal(first.remainingItemCount, 1);
    const rest = await store.list("Node", { limit: 2, after: "n2" });
    assert.deepEqual(rest.items.map((n) => n.metadata.name), ["n3"]);
    assert.equal(rest.more ?? false, false);
  });

  test("batch() writes all operations in order, or none", async (store) => {
    const keep = await store.create(pod("keep"));
    const revision = await store.revision();
    await rejectsWith(
      store.batch([
        { op: "create", object: pod("x1") },
        { op: "update", object: { ...keep, status: { phase: "Running" } } },
        { op: "create", object: pod("keep") },
      ]),
      "AlreadyExists",
      409,
    );
    assert.equal(await store.revision(), revision);
    assert.equal(await store.get("Pod", "default", "x1"), undefined);
    assert.deepEqual(await store.get("Pod", "default", "keep"), keep);
    const written = await store.batch([
      { op: "create", object: pod("x1") },
      { op: "create", object: pod("x2") },
      { op: "delete", kind: "Pod", namespace: "default", name: "keep" },
    ]);
    assert.deepEqual(written.map((o) => o.metadata.name), ["x1", "x2", "keep"]);
    // One revision per write (SQLite, memory) or one for the whole transaction (etcd).
    const after = await store.revision();
    assert.ok(after > revision && after <= revision + 3, `revision ${after} after ${revision}`);
    assert.deepEqual((await store.list("Pod")).items.map((p) => p.metadata.name), ["x1", "x2"]);
  });

  test("a failed batch() is not seen by watchers", async (store) => {
    const stream = store.watch("Pod");
    await rejectsWith(
      store.batch([{ op: "create", object: pod("x") }, {
        op: "delete",
        kind: "Pod",
        name: "no",
        namespace: "default",
      }]),
      "NotFound",
      404,
    );
    await store.create(pod("after"));
    assert.deepEqual(summary(await take(stream, 1)), [`ADDED after ${await store.revision()}`]);
  });

  test("watch() replays every change after a resourceVersion, in order, then live ones", async (store) => {
    const start = await store.revision();
    const created = await store.create(pod("web"));
    await store.create({ apiVersion: "v1", kind: "Node", metadata: { name: "n1" } });
    await store.update({ ...created, spec: { ...created.spec, nodeName: "n1" } });
    const stream = store.watch("Pod", { resourceVersion: String(start) });
    await store.delete("Pod", "default", "web");
    const events = await take(stream, 3);
    assert.deepEqual(summary(events), [
      `ADDED web ${start + 1}`,
      `MODIFIED web ${start + 3}`,
      `DELETED web ${start + 4}`,
    ]);
    assert.equal((events[2].object as Pod).spec.nodeName, "n1");
  });

  test("watch() without a resourceVersion starts from now and filters", async (store) => {
    await store.create(pod("old", {}, { app: "web" }));
    const stream = store.watch("Pod", { labelSelector: "app=web", namespace: "default" });
    await store.create(pod("other", {}, { app: "db" }));
    await store.create({
      ...pod("elsewhere", {}, { app: "web" }),
      metadata: { name: "e", namespace: "dev", labels: { app: "web" } },
    });
    await store.create(pod("new", {}, { app: "web" }));
    assert.deepEqual(summary(await take(stream, 1)), [`ADDED new ${await store.revision()}`]);
  });

  test("a filtered watch() sees objects enter the selection as ADDED and leave it as DELETED", async (store) => {
    const created = await store.create(pod("web", {}, { app: "db" }));
    const stream = store.watch("Pod", { labelSelector: "app=web" });
    const joined = await store.update({
      ...created,
      metadata: { ...created.metadata, labels: { app: "web" } },
    });
    const touched = await store.update({ ...joined, status: { phase: "Running" } });
    const left = await store.update({
      ...touched,
      metadata: { ...touched.metadata, labels: { app: "db" } },
    });
    await store.update({ ...left, status: { phase: "Succeeded" } });
    await store.create(pod("marker", {}, { app: "web" }));
    const events = await take(stream, 4);
    assert.deepEqual(summary(events), [
      `ADDED web ${joined.metadata.resourceVersion}`,
      `MODIFIED web ${touched.metadata.resourceVersion}`,
      `DELETED web ${left.metadata.resourceVersion}`,
      `ADDED marker ${await store.revision()}`,
    ]);
    assert.deepEqual(
      events[2].object.metadata.labels,
      { app: "web" },
      "DELETED carries the last matching state",
    );
  });

  test("restore() ends open watches with Gone", async (store) => {
    const stream = store.watch("Pod");
    await store.restore([]);
    await rejectsWith(take(stream, 1), "Gone", 410);
  });

  test("changes() pages through the log of every kind in order", async (store) => {
    const start = await store.revision();
    const a = await store.create(pod("a"));
    await store.create({ apiVersion: "v1", kind: "Node", metadata: { name: "n1" } });
    await store.update({ ...a, status: { phase: "Running" } });
    await store.delete("Pod", "default", "a");
    const all = await store.changes(start);
    assert.deepEqual(
      all.changes.map((c) => `${c.revision} ${c.type} ${c.object.kind}/${c.object.metadata.name}`),
      [
        `${start + 1} ADDED Pod/a`,
        `${start + 2} ADDED Node/n1`,
        `${start + 3} MODIFIED Pod/a`,
        `${start + 4} DELETED Pod/a`,
      ],
    );
    assert.equal(all.revision, start + 4);
    assert.equal((all.changes[3].object as Pod).status?.phase, "Running");
    const first = await store.changes(start, { limit: 3 });
    assert.deepEqual(first.changes.map((c) => c.revision), [start + 1, start + 2, start + 3]);
    assert.equal(first.revision, start + 3);
    const rest = await store.changes(first.revision, { limit: 3 });
    assert.deepEqual(rest.changes.map((c) => c.revision), [start + 4]);
    assert.equal(rest.revision, start + 4);
    const none = await store.changes(start + 4);
    assert.deepEqual(none, { changes: [], revision: start + 4 });
    await store.compact(start + 4);
    await rejectsWith(store.changes(start), "Gone", 410);
  });

  test("changes() tells the state before each modification when asked", async (store) => {
    const start = await store.revision();
    const a = await store.create(pod("a"));
    const running = await store.update({ ...a, status: { phase: "Running" } });
    await store.update({ ...running, status: { phase: "Succeeded" } });
    await store.delete("Pod", "default", "a");
    const page = await store.changes(start, { previous: true });
    assert.deepEqual(
      page.changes.map((c) =>
        `${c.type} ${(c.object as Pod).status?.phase} ${
          (c.previous as Pod | undefined)?.status?.phase
        }`
      ),
      [
        "ADDED Pending undefined",
        "MODIFIED Running Pending",
        "MODIFIED Succeeded Running",
        "DELETED Succeeded undefined",
      ],
    );
    const plain = await store.changes(start);
    assert.deepEqual(plain.changes.map((c) => c.previous), [
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test("watch() from a compacted resourceVersion is Gone", async (store) => {
    const start = await store.revision();
    const a = await store.create(pod("a"));
    await store.update({ ...a, status: { phase: "Running" } });
    await store.create(pod("b"));
    await store.compact(await store.revision());
    await rejectsWith(take(store.watch("Pod", { resourceVersion: String(start) }), 1), "Gone", 410);
    const stream = store.watch("Pod", { resourceVersion: String(await store.revision()) });
    await store.create(pod("c"));
    assert.deepEqual(summary(await take(stream, 1)), [`ADDED c ${await store.revision()}`]);
    assert.deepEqual((await store.list("Pod")).items.map((p) => p.metadata.name), ["a", "b", "c"]);
  });

  test("watch() ends when its signal is aborted", async (store) => {
    const controller = new AbortController();
    const stream = store.watch("Pod", { signal: controller.signal });
    const seen: string[] = [];
    const done = (async () => {
      for await (const event of stream) {
        seen.push(event.object.metadata.name!);
        controller.abort();
      }
    })();
    await store.create(pod("one"));
    await done;
    assert.deepEqual(seen, ["one"]);
  });

  test("dump() and restore() keep uid and resourceVersion; revisions continue above", async (store) => {
    const a = await store.create(pod("a"));
    await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
    const dump = await store.dump();
    assert.deepEqual(dump.objects.map((o) => o.kind), ["Namespace", "Pod"]);
    const high: AnyObject = {
      ...pod("far"),
      metadata: {
        ...pod("far").metadata,
        uid: "u-far",
        resourceVersion: "900",
        creationTimestamp: "2020-01-01T00:00:00Z",
      },
    };
    await store.restore([...dump.objects, high]);
    assert.deepEqual(await store.get("Pod", "default", "a"), a);
    assert.deepEqual(await store.get("Pod", "default", "far"), high);
    const next = await store.create(pod("next"));
    assert.ok(Number(next.metadata.resourceVersion) > 900);
    await store.restore([]);
    assert.deepEqual((await store.dump()).objects, []);
  });
}
