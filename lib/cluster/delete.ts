import { ApiError, ConflictError, NotFoundError } from "../api/errors.ts";
import type { AnyObject, Kind } from "../api/types.ts";
import { foregroundDependents } from "../controllers/foreground_dependents.ts";
import { orphanDependents } from "../controllers/garbage_collector.ts";
import type { ServiceNetworkOptions } from "../network/mod.ts";
import { resourceOf } from "../store/_object.ts";
import type { BatchOperation, Store } from "../store/store.ts";
import { checkNamespaceDeletable, namespaceDeletion } from "./namespaces.ts";
import { isRangeRace, retryOnRace, withServiceAllocations } from "./service_writes.ts";

/** How an object goes. */
export interface DeleteObjectOptions {
  /** Namespace of a namespaced kind (default `default`). */
  namespace?: string;
  /**
   * What happens to the objects this one owns: Background (default) lets the garbage collector
   * delete them; Orphan keeps them, without the ownerReference; Foreground deletes them first,
   * deepest first, and the owner last. kube-apiserver carries out Foreground over time (the
   * owner waits with a deletionTimestamp and the foregroundDeletion finalizer while the garbage
   * collector deletes its dependents); kclone writes the whole cascade in one transaction, in
   * that order, so the outcome and the order of watch events are the same.
   */
  propagationPolicy?: "Background" | "Orphan" | "Foreground";
}

/**
 * Deletes one object as kube-apiserver does: a namespace with everything in it (default and the
 * system namespaces refused), a Service with its addresses released, an owner with its dependents
 * orphaned when asked; NotFound when absent. `namespace` is already resolved for the kind.
 */
export async function deleteObject(
  store: Store,
  target: { kind: Kind; namespace: string | undefined; name: string },
  options: DeleteObjectOptions & { network?: ServiceNetworkOptions } = {},
): Promise<AnyObject> {
  const { kind, namespace, name } = target;
  const network = options.network ?? {};
  if (kind === "Namespace") {
    checkNamespaceDeletable(name);
    const current = await store.get("Namespace", undefined, name);
    if (!current) return await store.delete(kind, undefined, name);
    await retryOnRace(async () =>
      store.batch(
        await withServiceAllocations(store, await namespaceDeletion(store, name), network),
      )
    );
    return current;
  }
  if (options.propagationPolicy === "Orphan") {
    return await retryOnRace(() => deleteOrphaning(store, kind, namespace, name));
  }
  if (options.propagationPolicy === "Foreground") {
    return await retryOnRace(() => deleteForeground(store, { kind, namespace, name }, network));
  }
  if (kind !== "Service") return await store.delete(kind, namespace, name);
  return await retryOnRace(async () =>
    (await store.batch(
      await withServiceAllocations(store, [{ op: "delete", kind, namespace, name }], network),
    ))[0], { retryable: isRangeRace });
}

/** The objects that may be dependents of an owner in `namespace` (all namespaces when none). */
async function dependentCandidates(
  store: Store,
  namespace: string | undefined,
): Promise<AnyObject[]> {
  const candidates: AnyObject[] = [];
  for (const dependentKind of ["ReplicaSet", "Pod", "Lease", "Endpoints"] as const) {
    candidates.push(...(await store.list(dependentKind, { namespace })).items);
  }
  return candidates;
}

/** Deletes an owner after everything it owns, transitively, in one batch. */
async function deleteForeground(
  store: Store,
  target: { kind: Kind; namespace: string | undefined; name: string },
  network: ServiceNetworkOptions,
): Promise<AnyObject> {
  const { kind, namespace, name } = target;
  const owner = await store.get(kind, namespace, name);
  if (!owner) throw new NotFoundError(resourceOf(kind), name);
  const plan = foregroundDependents(owner, await dependentCandidates(store, namespace));
  const remove = (o: AnyObject): BatchOperation => ({
    op: "delete",
    kind: o.kind as Kind,
    namespace: o.metadata.namespace,
    name: o.metadata.name!,
    resourceVersion: o.metadata.resourceVersion,
  });
  const operations: BatchOperation[] = [
    ...plan.updates.map((object) => ({ op: "update" as const, object })),
    ...plan.deletes.map(remove),
    remove(owner),
  ];
  try {
    const written = await store.batch(await withServiceAllocations(store, operations, network));
    return written[plan.updates.length + plan.deletes.length];
  } catch (error) {
    // A dependent that went meanwhile (its own controller or the garbage collector) is a race
    // lost like a stale resourceVersion: read again and plan again.
    if (!(error instanceof ApiError && error.reason === "NotFound")) throw error;
    throw new ConflictError(resourceOf(kind), name, "a dependent changed during the deletion");
  }
}

/** Deletes an owner and, in the same batch, takes its ownerReference off what it owns. */
async function deleteOrphaning(
  store: Store,
  kind: Kind,
  namespace: string | undefined,
  name: string,
): Promise<AnyObject> {
  const owner = await store.get(kind, namespace, name);
  if (!owner) throw new NotFoundError(resourceOf(kind), name);
  const orphans = orphanDependents(owner, await dependentCandidates(store, namespace));
  const [deleted] = await store.batch([
    { op: "delete", kind, namespace, name, resourceVersion: owner.metadata.resourceVersion },
    ...orphans.map((object) => ({ op: "update" as const, object })),
  ]);
  return deleted;
}
