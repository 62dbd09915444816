import assert from "node:assert/strict";
import type { AnyObject, OwnerReference } from "../../lib/api/types.ts";
import { garbageCollector, orphanDependents } from "../../lib/controllers/garbage_collector.ts";
import { makeDeployment, makePod, makeReplicaSet } from "../_fixtures.ts";
import { nodePlane } from "../kubelet/_node_plane.ts";

function ownedBy(owner: AnyObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Deployment web → ReplicaSet web-5d9c → pods web-5d9c-a and -b; a pod of its own; another Deployment. */
async function workloads() {
  const t = nodePlane([garbageCollector]);
  const web = await t.store.create(makeDeployment("web"));
  const rs = await t.store.create(
    makeReplicaSet("web-5d9c", { overrides: { metadata: { ownerReferences: [ownedBy(web)] } } }),
  );
  for (const name of ["web-5d9c-a", "web-5d9c-b"]) {
    await t.store.create(
      makePod(name, { overrides: { metadata: { ownerReferences: [ownedBy(rs)] } } }),
    );
  }
  await t.store.create(makePod("standalone"));
  const api = await t.store.create(makeDeployment("api"));
  await t.store.create(
    makeReplicaSet("api-7f6b", { overrides: { metadata: { ownerReferences: [ownedBy(api)] } } }),
  );
  const names = async () => {
    const all = [
      ...(await t.store.list("Deployment")).items,
      ...(await t.store.list("ReplicaSet")).items,
      ...(await t.store.list("Pod")).items,
    ];
    return all.map((o) => `${o.kind}/${o.metadata.name}`);
  };
  return { ...t, web, rs, names };
}

Deno.test("garbageCollector leaves objects whose owners live alone", async () => {
  const t = await workloads();
  await t.settle();
  assert.deepEqual(await t.names(), [
    "Deployment/api",
    "Deployment/web",
    "ReplicaSet/api-7f6b",
    "ReplicaSet/web-5d9c",
    "Pod/standalone",
    "Pod/web-5d9c-a",
    "Pod/web-5d9c-b",
  ]);
});

Deno.test("garbageCollector deletes a deleted Deployment's ReplicaSet, then its pods", async () => {
  const t = await workloads();
  await t.settle();
  await t.store.delete("Deployment", "default", "web");
  await t.settle();
  assert.deepEqual(await t.names(), ["Deployment/api", "ReplicaSet/api-7f6b", "Pod/standalone"]);
});

Deno.test("garbageCollector deletes dependents of an owner deleted before it started", async () => {
  const t = await workloads();
  await t.store.delete("ReplicaSet", "default", "web-5d9c");
  await t.settle();
  assert.deepEqual(await t.names(), [
    "Deployment/api",
    "Deployment/web",
    "ReplicaSet/api-7f6b",
    "Pod/standalone",
  ]);
});

Deno.test("garbageCollector treats an owner whose name a new object took as gone", async () => {
  const t = await workloads();
  await t.settle();
  await t.store.delete("Deployment", "default", "web");
  await t.store.create(makeDeployment("web")); // same name, new uid
  await t.settle();
  assert.deepEqual(await t.names(), [
    "Deployment/api",
    "Deployment/web",
    "ReplicaSet/api-7f6b",
    "Pod/standalone",
  ]);
});

Deno.test("garbageCollector drops only the gone owner's reference when another owner lives", async () => {
  const t = await workloads();
  const api = (await t.store.get("Deployment", "default", "api"))!;
  const statefulSet = { apiVersion: "apps/v1", kind: "StatefulSet", name: "db", uid: "uid-db" };
  await t.store.create(makePod("shared", {
    overrides: { metadata: { ownerReferences: [ownedBy(t.web), ownedBy(api)] } },
  }));
  await t.store.create(makePod("foreign", {
    overrides: { metadata: { ownerReferences: [statefulSet, ownedBy(t.web)] } },
  }));
  await t.store.delete("Deployment", "default", "web");
  await t.settle();
  const shared = await t.store.get("Pod", "default", "shared");
  assert.deepEqual(shared?.metadata.ownerReferences, [ownedBy(api)]);
  // Owners of kinds kclone does not know are never declared gone.
  const foreign = await t.store.get("Pod", "default", "foreign");
  assert.deepEqual(foreign?.metadata.ownerReferences, [statefulSet]);
});

Deno.test("orphanDependents() returns the dependents without the owner's reference", () => {
  const owner = makeDeployment("web", { overrides: { metadata: { uid: "uid-web" } } });
  const other = makeDeployment("api", { overrides: { metadata: { uid: "uid-api" } } });
  const rs = makeReplicaSet("web-1", {
    overrides: { metadata: { resourceVersion: "7", ownerReferences: [ownedBy(owner)] } },
  });
  const both = makePod("p", {
    overrides: { metadata: { ownerReferences: [ownedBy(owner), ownedBy(other)] } },
  });
  const unrelated = makePod("q", {
    overrides: { metadata: { ownerReferences: [ownedBy(other)] } },
  });
  const updates = orphanDependents(owner, [rs, both, unrelated]);
  assert.deepEqual(updates.map((u) => [u.metadata.name, u.metadata.ownerReferences]), [
    ["web-1", undefined],
    ["p", [ownedBy(other)]],
  ]);
  assert.equal(updates[0].metadata.resourceVersion, "7");
  assert.deepEqual(rs.metadata.ownerReferences, [ownedBy(owner)]); // the input is not changed
});
