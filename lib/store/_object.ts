import { AlreadyExistsError, ConflictError, NotFoundError } from "../api/errors.ts";
import { kindInfo, KINDS, qualifiedResource } from "../api/kinds.ts";
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
  return qualifiedResource(kind);
}

/**
 * A deeply frozen copy of a JSON value, as a JSON round trip would make it (undefined members
 * dropped, undefined array items and non-finite numbers null, toJSON honoured), without the text
 * in between. Parts that are already deeply frozen (the store's own) are shared, not copied.
 */
export function frozenCopy<T>(value: T): T {
  if (typeof value !== "object" || value === null) {
    if (typeof value === "string") return intern(value) as T;
    return (typeof value === "number" && !Number.isFinite(value) ? null : value) as T;
  }
  if (Object.isFrozen(value) && isDeepFrozen(value)) return value;
  // A JSON round trip makes the most compact objects (V8 sizes each to its properties).
  if (!hasFrozenPart(value)) return deepFreeze(JSON.parse(JSON.stringify(value)));
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      out[i] = item === undefined || typeof item === "function" || typeof item === "symbol"
        ? null
        : frozenCopy(item);
    }
    return Object.freeze(out) as T;
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return frozenCopy(JSON.parse(JSON.stringify(value)));
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined || typeof member === "function" || typeof member === "symbol") {
      continue;
    }
    out[key] = frozenCopy(member);
  }
  return Object.freeze(out) as T;
}

function hasFrozenPart(value: object): boolean {
  if (Object.isFrozen(value)) return true;
  for (const member of Object.values(value)) {
    if (typeof member === "object" && member !== null && hasFrozenPart(member)) return true;
  }
  return false;
}

/** JSON text parsed into a deeply frozen value (to share one parse among many readers). */
export function frozenParse<T>(text: string): T {
  return deepFreeze(JSON.parse(text));
}

/** Freezes a fresh JSON value in place, its strings interned. */
function deepFreeze<T>(value: T): T {
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const member = record[key];
    if (typeof member === "string") {
      const shared = intern(member);
      if (shared !== member) record[key] = shared;
    } else if (typeof member === "object" && member !== null) deepFreeze(member);
  }
  return Object.freeze(value);
}

/** Strings longer than this are rarely repeated across objects: not interned. */
const INTERN_MAX_LENGTH = 64;
/** Strings per generation of the intern table. */
const INTERN_GENERATION = 8192;
let recent = new Map<string, string>();
let older = new Map<string, string>();

/**
 * One copy of each short string that stored objects repeat (timestamps, images, phases, uids of
 * owners, ...): they make up a third of a pod. Two bounded generations, so the table never holds
 * more than the strings in recent use.
 */
function intern(text: string): string {
  if (text.length > INTERN_MAX_LENGTH) return text;
  let shared = recent.get(text);
  if (shared !== undefined) return shared;
  shared = older.get(text) ?? text;
  if (recent.size >= INTERN_GENERATION) {
    older = recent;
    recent = new Map();
  }
  recent.set(text, shared);
  return shared;
}

function isDeepFrozen(value: object): boolean {
  if (!Object.isFrozen(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== Array.prototype) return false;
  for (const member of Object.values(value)) {
    if (typeof member === "object" && member !== null && !isDeepFrozen(member)) return false;
  }
  return true;
}

/**
 * The object as created at `revision`: store-owned metadata set, the rest kept. A new top-level
 * object and metadata; nested values are shared with `object` (stores copy it at once).
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
  const before = specOf(current), after = specOf(copy);
  const specChanged = before !== after && JSON.stringify(before) !== JSON.stringify(after);
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
