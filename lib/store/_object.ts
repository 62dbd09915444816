import { AlreadyExistsError, ConflictError, NotFoundError } from "../api/errors.ts";
import { kindInfo, KINDS } from "../api/kinds.ts";
import type { AnyObject, Kind } from "../api/types.ts";
import { rfc3339 } from "../api/clock.ts";

/** The registry key of an object, laid out as Kubernetes lays out etcd: `/registry/pods/default/web`. */
export function objectKey(kind: Kind, namespace: string | undefined, name: string): string {
  const info = kindInfo(kind);
  if (!info) throw new Error(`unknown kind ${kind}`);
  return info.namespaced
    ? `/registry/${info.resource}/${namespace ?? ""}/${name}`
    : `/registry/${info.resource}/${name}`;
}

/** The key of an object from its own kind and metadata. */
export function keyOf(object: AnyObject): string {
  return objectKey(object.kind as Kind, namespaceOf(object), object.metadata.name ?? "");
}

/** The namespace an object lives in: undefined for cluster-scoped kinds. */
export function namespaceOf(object: AnyObject): string | undefined {
  return kindInfo(object.kind)?.namespaced ? object.metadata.namespace : undefined;
}

/** The plural resource name of a kind, for error messages (`pods "web" not found`). */
export function resourceOf(kind: string): string {
  const info = kindInfo(kind);
  if (!info) return kind.toLowerCase();
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

/** A deep copy, so that no caller can change what a store holds. */
export function clone<T>(object: T): T {
  return structuredClone(object);
}

/**
 * The object as created at `revision`: store-owned metadata set, the rest kept. A new top-level
 * object and metadata; nested values are shared with `object` (stores serialize it at once).
 */
export function prepareCreate<T extends AnyObject>(object: T, revision: number, now: number): T {
  const copy = { ...object };
  copy.metadata = {
    ...copy.metadata,
    uid: copy.metadata.uid ?? crypto.randomUUID(),
    creationTimestamp: copy.metadata.creationTimestamp ?? rfc3339(now),
    resourceVersion: String(revision),
    generation: 1,
  };
  return copy;
}

/**
 * The object as updated at `revision` over `current`: uid and creationTimestamp cannot change,
 * generation goes up only when the spec changed. Conflict when `object` carries a stale
 * resourceVersion (an empty one means "unconditional", as in Kubernetes' PUT).
 */
export function prepareUpdate<T extends AnyObject>(
  current: AnyObject,
  object: T,
  revision: number,
): T {
  const wanted = object.metadata.resourceVersion;
  if (wanted && wanted !== current.metadata.resourceVersion) {
    throw new ConflictError(resourceOf(object.kind), object.metadata.name ?? "");
  }
  const copy = { ...object };
  const specChanged = JSON.stringify(specOf(current)) !== JSON.stringify(specOf(copy));
  copy.metadata = {
    ...copy.metadata,
    uid: current.metadata.uid,
    creationTimestamp: current.metadata.creationTimestamp,
    resourceVersion: String(revision),
    generation: (current.metadata.generation ?? 1) + (specChanged ? 1 : 0),
  };
  return copy;
}

/** The part of an object whose change bumps generation. */
function specOf(object: AnyObject): unknown {
  const o = object as unknown as Record<string, unknown>;
  return o.spec ?? o.subsets;
}

/** The object as a DELETED event carries it: last state, stamped with the deletion's revision. */
export function prepareDeleted(object: AnyObject, revision: number): AnyObject {
  const copy = { ...object };
  copy.metadata = { ...copy.metadata, resourceVersion: String(revision) };
  return copy;
}

/** NotFound for a kind and name. */
export function notFound(kind: string, name: string): NotFoundError {
  return new NotFoundError(resourceOf(kind), name);
}

/** AlreadyExists for an object. */
export function alreadyExists(object: AnyObject): AlreadyExistsError {
  return new AlreadyExistsError(resourceOf(object.kind), object.metadata.name ?? "");
}

/** Checks a delete precondition. */
export function checkPrecondition(current: AnyObject, resourceVersion: string | undefined): void {
  if (resourceVersion && resourceVersion !== current.metadata.resourceVersion) {
    throw new ConflictError(
      resourceOf(current.kind),
      current.metadata.name ?? "",
      `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
    );
  }
}

/** Orders objects by namespace, then name, as Kubernetes lists them. */
export function byNamespaceAndName(a: AnyObject, b: AnyObject): number {
  const na = a.metadata.namespace ?? "", nb = b.metadata.namespace ?? "";
  if (na !== nb) return na < nb ? -1 : 1;
  const ma = a.metadata.name ?? "", mb = b.metadata.name ?? "";
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}

const KIND_ORDER: string[] = KINDS.map((k) => k.kind);

/** Orders objects as snapshots list them: by kind (in KINDS order), then namespace and name. */
export function sortForDump(objects: AnyObject[]): AnyObject[] {
  const rank = (o: AnyObject) => KIND_ORDER.indexOf(o.kind);
  return objects.sort((a, b) => rank(a) - rank(b) || byNamespaceAndName(a, b));
}
