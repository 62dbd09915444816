import { isDeepStrictEqual } from "node:util";
import { ApiError } from "../api/errors.ts";
import { kindInfo } from "../api/kinds.ts";
import type { AnyObject, Kind, OwnerReference } from "../api/types.ts";
import type { CacheEvent, ClusterCache } from "./cluster_cache.ts";
import type { Controller, ControllerContext } from "./controller.ts";

/** `Kind/namespace/name` (namespace empty for cluster-scoped objects): one key per dependent. */
const keyOf = (o: AnyObject) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;

function parseKey(key: string): { kind: Kind; namespace?: string; name: string } {
  const [kind, namespace, ...name] = key.split("/");
  return { kind: kind as Kind, namespace: namespace || undefined, name: name.join("/") };
}

function keysFor(event: CacheEvent, cache: ClusterCache): string[] {
  const { object } = event;
  if (event.type === "DELETED") {
    return object.metadata.uid ? cache.ownedBy(object.metadata.uid).map(keyOf) : [];
  }
  const refs = object.metadata.ownerReferences;
  if (!refs?.length) return [];
  const unchanged = event.type === "MODIFIED" &&
    isDeepStrictEqual(refs, event.old?.metadata.ownerReferences);
  // Only a dependent with an owner the cache does not hold needs a look; an owner deleted later
  // brings its dependents back through its DELETED event.
  return unchanged || refs.every((ref) => ownerCached(ref, object, cache)) ? [] : [keyOf(object)];
}

function ownerCached(ref: OwnerReference, dependent: AnyObject, cache: ClusterCache): boolean {
  const info = kindInfo(ref.kind);
  if (!info) return true;
  const namespace = info.namespaced ? dependent.metadata.namespace : undefined;
  return cache.get(info.kind, namespace, ref.name)?.metadata.uid === ref.uid;
}

/**
 * Whether an owner is gone: no object of its kind and name, or one with another uid (a new
 * object took the name). The store is asked before an owner is declared gone, as the cache may
 * be behind. Owners of kinds kclone does not know are never declared gone.
 */
async function isAbsent(
  ref: OwnerReference,
  dependent: AnyObject,
  { cache, store }: ControllerContext,
): Promise<boolean> {
  const info = kindInfo(ref.kind);
  if (!info) return false;
  const namespace = info.namespaced ? dependent.metadata.namespace : undefined;
  if (cache.get(info.kind, namespace, ref.name)?.metadata.uid === ref.uid) return false;
  const live = await store.get(info.kind, namespace, ref.name);
  return live?.metadata.uid !== ref.uid;
}

/**
 * Returns copies of the dependents that reference `owner` (by uid), without that reference:
 * the updates that orphan them, as `propagationPolicy: Orphan` does before the owner is
 * deleted. Each copy keeps its resourceVersion, so writing it fails with Conflict when the
 * dependent changed meanwhile.
 */
export function orphanDependents(owner: AnyObject, dependents: readonly AnyObject[]): AnyObject[] {
  const uid = owner.metadata.uid;
  return dependents
    .filter((d) => d.metadata.ownerReferences?.some((r) => r.uid === uid))
    .map((d) => {
      const copy = structuredClone(d);
      const refs = copy.metadata.ownerReferences!.filter((r) => r.uid !== uid);
      if (refs.length > 0) copy.metadata.ownerReferences = refs;
      else delete copy.metadata.ownerReferences;
      return copy;
    });
}

/**
 * The garbage collector, with background propagation: an object all of whose owners are gone
 * is deleted, so deleting a Deployment deletes its ReplicaSets and then their Pods (and deleting
 * a Node its Lease); an object that keeps a live owner only loses the references to the gone
 * ones. Objects whose owners all live are left alone. One key per dependent.
 */
export const garbageCollector: Controller = {
  name: "garbage-collector-controller",
  podsOnDemand: true,
  keysFor,
  async reconcile(key, context) {
    const { kind, namespace, name } = parseKey(key);
    const object = context.cache.get(kind, namespace, name);
    const refs = object?.metadata.ownerReferences ?? [];
    if (!object || refs.length === 0) return;
    const absent: OwnerReference[] = [];
    for (const ref of refs) if (await isAbsent(ref, object, context)) absent.push(ref);
    if (absent.length === 0) return;
    const resourceVersion = object.metadata.resourceVersion;
    if (absent.length < refs.length) {
      const ownerReferences = refs.filter((r) => !absent.includes(r));
      await context.store.update({ ...object, metadata: { ...object.metadata, ownerReferences } });
      return;
    }
    try {
      await context.store.delete(kind, namespace, name, { resourceVersion });
    } catch (error) {
      if (!(error instanceof ApiError && error.reason === "NotFound")) throw error;
    }
  },
};
