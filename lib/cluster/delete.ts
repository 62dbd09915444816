import { NotFoundError } from "../api/errors.ts";
import type { AnyObject, Kind } from "../api/types.ts";
import { orphanDependents } from "../controllers/garbage_collector.ts";
import type { ServiceNetworkOptions } from "../network/mod.ts";
import { resourceOf } from "../store/_object.ts";
import type { Store } from "../store/store.ts";
import { checkNamespaceDeletable, namespaceDeletion } from "./namespaces.ts";
import { isRangeRace, retryOnRace, withServiceAllocations } from "./service_writes.ts";

/** How an object goes. */
export interface DeleteObjectOptions {
  /** Namespace of a namespaced kind (default `default`). */
  namespace?: string;
  /**
   * What happens to the objects this one owns: Background (default) lets the garbage collector
   * delete them; Orphan keeps them, without the ownerReference.
   */
  propagationPolicy?: "Background" | "Orphan";
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
  if (kind !== "Service") return await store.delete(kind, namespace, name);
  return await retryOnRace(async () =>
    (await store.batch(
      await withServiceAllocations(store, [{ op: "delete", kind, namespace, name }], network),
    ))[0], { retryable: isRangeRace });
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
  const candidates: AnyObject[] = [];
  for (const dependentKind of ["ReplicaSet", "Pod", "Lease", "Endpoints"] as const) {
    candidates.push(...(await store.list(dependentKind, { namespace })).items);
  }
  const orphans = orphanDependents(owner, candidates);
  const [deleted] = await store.batch([
    { op: "delete", kind, namespace, name, resourceVersion: owner.metadata.resourceVersion },
    ...orphans.map((object) => ({ op: "update" as const, object })),
  ]);
  return deleted;
}
