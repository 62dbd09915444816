import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { ApiError } from "../../lib/api/errors.ts";
import type { Pod } from "../../lib/api/types.ts";

const pod = (name: string, namespace?: string): Pod => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace },
  spec: { containers: [{ name: "app", image: "nginx" }] },
});

Deno.test("Cluster.open() starts with the default and system namespaces", async () => {
  const cluster = await Cluster.open();
  try {
    const names = (await cluster.list("Namespace")).map((n) => n.metadata.name);
    assert.deepEqual(names, ["default", "kube-node-lease", "kube-public", "kube-system"]);
  } finally {
    await cluster.close();
  }
});

Deno.test("create() defaults and validates; a taken name is AlreadyExists", async () => {
  const cluster = await Cluster.open();
  try {
    const created = await cluster.create(pod("web"));
    assert.equal(created.metadata.namespace, "default");
    assert.equal(created.spec.restartPolicy, "Always");
    await assert.rejects(cluster.create(pod("web")), /pods "web" already exists/);
    await assert.rejects(
      cluster.create(pod("Bad_Name")),
      (e) => e instanceof ApiError && e.code === 422,
    );
    await assert.rejects(cluster.create(pod("x", "ghost")), /namespaces "ghost" not found/);
  } finally {
    await cluster.close();
  }
});

Deno.test("delete() of a namespace deletes what is in it; default cannot be deleted", async () => {
  const cluster = await Cluster.open();
  try {
    await cluster.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
    await cluster.create(pod("a", "team"));
    await cluster.create(pod("b", "team"));
    await cluster.create(pod("c"));
    await cluster.delete("Namespace", "team");
    assert.equal(await cluster.get("Namespace", "team"), undefined);
    assert.deepEqual((await cluster.list("Pod")).map((p) => p.metadata.name), ["c"]);
    await assert.rejects(cluster.delete("Namespace", "default"), /may not be deleted/);
    await assert.rejects(cluster.delete("Pod", "zzz"), /pods "zzz" not found/);
  } finally {
    await cluster.close();
  }
});

Deno.test("list() filters by label and field selectors", async () => {
  const cluster = await Cluster.open();
  try {
    await cluster.create({ ...pod("a"), metadata: { name: "a", labels: { app: "web" } } });
    await cluster.create({ ...pod("b"), metadata: { name: "b", labels: { app: "db" } } });
    const web = await cluster.list("Pod", { labelSelector: "app=web" });
    assert.deepEqual(web.map((p) => p.metadata.name), ["a"]);
    const named = await cluster.list("Pod", { fieldSelector: "metadata.name=b" });
    assert.deepEqual(named.map((p) => p.metadata.name), ["b"]);
  } finally {
    await cluster.close();
  }
});

Deno.test("watch() on the cluster sees created pods", async () => {
  const cluster = await Cluster.open();
  try {
    const rv = String(await cluster.store.revision());
    await cluster.create(pod("w"));
    for await (const event of cluster.watch("Pod", { resourceVersion: rv })) {
      assert.equal(event.type, "ADDED");
      assert.equal(event.object.metadata.name, "w");
      break;
    }
  } finally {
    await cluster.close();
  }
});

Deno.test("get() and list() hand out objects the caller may edit and write back", async () => {
  const cluster = await Cluster.open();
  try {
    await cluster.create(pod("a"));
    const got = (await cluster.get("Pod", "a"))!;
    got.metadata.labels = { edited: "yes" };
    await cluster.update(got);
    const [listed] = await cluster.list("Pod");
    assert.deepEqual(listed.metadata.labels, { edited: "yes" });
    listed.metadata.labels = { ...listed.metadata.labels, again: "yes" };
    assert.deepEqual((await cluster.get("Pod", "a"))!.metadata.labels, { edited: "yes" });
  } finally {
    await cluster.close();
  }
});

Deno.test("update() with a stale resourceVersion is Conflict at once, not retried", async () => {
  const cluster = await Cluster.open();
  try {
    const created = await cluster.create(pod("a"));
    await cluster.update({ ...created, metadata: { ...created.metadata, labels: { v: "1" } } });
    await assert.rejects(
      cluster.update({ ...created, metadata: { ...created.metadata, labels: { v: "2" } } }),
      /Operation cannot be fulfilled on pods "a"/,
    );
    assert.deepEqual((await cluster.get("Pod", "a"))!.metadata.labels, { v: "1" });
  } finally {
    await cluster.close();
  }
});
