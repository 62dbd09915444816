import assert from "node:assert/strict";
import type { AnyObject, OwnerReference } from "../../lib/api/types.ts";
import { foregroundDependents } from "../../lib/controllers/foreground_dependents.ts";
import { makeDeployment, makePod, makeReplicaSet } from "../_fixtures.ts";

function ownedBy(owner: AnyObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
  };
}

Deno.test("foregroundDependents() deletes what only the owner holds, deepest first, and unhooks the rest", () => {
  const web = makeDeployment("web", { overrides: { metadata: { uid: "uid-web" } } });
  const api = makeDeployment("api", { overrides: { metadata: { uid: "uid-api" } } });
  const rs = makeReplicaSet("web-1", {
    overrides: { metadata: { uid: "uid-rs", ownerReferences: [ownedBy(web)] } },
  });
  const pod = (name: string, owners: AnyObject[]) =>
    makePod(name, {
      overrides: { metadata: { uid: `uid-${name}`, ownerReferences: owners.map(ownedBy) } },
    });
  const plan = foregroundDependents(web, [
    pod("a", [rs]),
    rs,
    pod("shared", [rs, api]),
    pod("other", [api]),
    makePod("standalone"),
    pod("b", [rs]),
  ]);
  assert.deepEqual(plan.deletes.map((o) => o.metadata.name), ["a", "b", "web-1"]);
  assert.deepEqual(plan.updates.map((o) => [o.metadata.name, o.metadata.ownerReferences]), [
    ["shared", [ownedBy(api)]],
  ]);
  assert.deepEqual(foregroundDependents(api, [pod("a", [rs])]), { deletes: [], updates: [] });
});
