import assert from "node:assert/strict";
import { objectRef, resolveKind } from "../../lib/api/kinds.ts";

Deno.test("resolveKind() takes every name kubectl takes, with or without the group", () => {
  const names: [string, string | undefined][] = [
    ["Deployment", "Deployment"],
    ["deployments", "Deployment"],
    ["deploy", "Deployment"],
    ["deployment.apps", "Deployment"],
    ["deployments.apps", "Deployment"],
    ["po", "Pod"],
    ["pods", "Pod"],
    ["leases.coordination.k8s.io", "Lease"],
    ["pods.apps", undefined], // pods are in the core group
    ["rangeallocations", undefined], // stored, never served
    ["cronjobs", undefined],
  ];
  for (const [name, kind] of names) assert.equal(resolveKind(name)?.kind, kind, name);
});

Deno.test("objectRef() names objects as kubectl prints them, and they resolve back", () => {
  const ref = objectRef({ kind: "Deployment", metadata: { name: "web" } });
  assert.equal(ref, "deployment.apps/web");
  assert.equal(resolveKind(ref.split("/")[0])?.kind, "Deployment");
  assert.equal(objectRef({ kind: "Pod", metadata: { name: "p" } }), "pod/p");
});
