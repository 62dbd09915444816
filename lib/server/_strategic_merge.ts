/**
 * Strategic merge patch as kube-apiserver applies it to the built-in kinds: a JSON merge patch,
 * except that lists with a Kubernetes merge key are merged entry by entry (containers and env by
 * name, container ports by containerPort, conditions by type, ...), with the `$patch`,
 * `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>` and `$retainKeys` directives
 * kubectl sends.
 *
 * @module
 */

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The merge key of each list field that Kubernetes merges by key; every other list is replaced. */
const MERGE_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  volumes: "name",
  imagePullSecrets: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  hostAliases: "ip",
  conditions: "type",
  addresses: "type",
  ownerReferences: "uid",
};

/** Lists of strings that Kubernetes merges as sets. */
const MERGED_PRIMITIVE_LISTS = new Set(["finalizers"]);

/** Deleted marker: the patch said `$patch: delete` for a map. */
const DELETE = Symbol("delete");

/** A malformed strategic merge patch (unknown directive). */
export class StrategicMergeError extends Error {}

/** Applies a strategic merge patch to a copy of `original`. */
export function applyStrategicMerge(original: JsonObject, patch: JsonObject): JsonObject {
  const merged = mergeMap(structuredClone(original), structuredClone(patch));
  return merged === DELETE ? {} : merged;
}

function mergeMap(original: unknown, patch: JsonObject): JsonObject | typeof DELETE {
  const directive = patch.$patch;
  if (directive === "delete") return DELETE;
  if (directive === "replace") return stripDirectives(patch) as JsonObject;
  if (directive !== undefined && directive !== "merge") {
    throw new StrategicMergeError(`Unknown patch type: ${String(directive)}`);
  }
  const out: JsonObject = isObject(original) ? original : {};
  const orders: [string, unknown[]][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith("$setElementOrder/")) {
      if (Array.isArray(value)) orders.push([key.slice("$setElementOrder/".length), value]);
    } else if (key.startsWith("$deleteFromPrimitiveList/")) {
      const field = key.slice("$deleteFromPrimitiveList/".length);
      if (Array.isArray(out[field]) && Array.isArray(value)) {
        out[field] = (out[field] as unknown[]).filter((v) => !value.includes(v));
      }
    } else if (key.startsWith("$")) {
      continue; // $patch, $retainKeys: nothing more to do for the fields kclone keeps.
    } else if (value === null) {
      delete out[key];
    } else if (isObject(value)) {
      const merged = mergeMap(out[key], value);
      if (merged === DELETE) delete out[key];
      else out[key] = merged;
    } else if (Array.isArray(value)) {
      out[key] = mergeList(key, out[key], value);
    } else {
      out[key] = value;
    }
  }
  for (const [field, order] of orders) {
    if (Array.isArray(out[field])) out[field] = ordered(field, out[field] as unknown[], order);
  }
  return out;
}

function mergeList(field: string, original: unknown, patch: unknown[]): unknown[] {
  const have = Array.isArray(original) ? original : [];
  if (MERGED_PRIMITIVE_LISTS.has(field)) {
    return [...have, ...patch.filter((v) => !have.includes(v))];
  }
  const key = mergeKeyOf(field, patch);
  if (!key) return patch.map(stripDirectives);
  if (patch.some((e) => isObject(e) && e.$patch === "replace")) {
    return patch.filter((e) => !(isObject(e) && e.$patch === "replace")).map(stripDirectives);
  }
  const out = have.slice();
  for (const entry of patch as JsonObject[]) {
    const at = out.findIndex((e) => isObject(e) && e[key] === entry[key]);
    if (entry.$patch === "delete") {
      if (at >= 0) out.splice(at, 1);
      continue;
    }
    const merged = mergeMap(at >= 0 ? out[at] : {}, entry);
    if (merged === DELETE) {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) out[at] = merged;
    else out.push(merged);
  }
  return patchOrder(out, have, patch as JsonObject[], key);
}

/**
 * The order kube-apiserver gives a merged keyed list: the entries the patch names, in the
 * patch's order, interleaved with the others in their original order; an entry the original did
 * not have goes before the original entries still to place (so a new container comes first).
 */
function patchOrder(merged: unknown[], original: unknown[], patch: JsonObject[], key: string) {
  const id = (v: unknown) => isObject(v) ? JSON.stringify(v[key]) : "";
  const inPatch = new Map(patch.map((e, i) => [id(e), i]));
  const originalIndex = new Map(original.map((e, i) => [id(e), i]));
  const patched = merged.filter((e) => inPatch.has(id(e)))
    .sort((a, b) => inPatch.get(id(a))! - inPatch.get(id(b))!);
  const serverOnly = merged.filter((e) => !inPatch.has(id(e)));
  const out: unknown[] = [];
  let i = 0, j = 0;
  while (i < serverOnly.length || j < patched.length) {
    const left = originalIndex.get(id(serverOnly[i]));
    const right = originalIndex.get(id(patched[j]));
    const serverFirst = j >= patched.length ||
      (i < serverOnly.length && left !== undefined && right !== undefined && left < right);
    out.push(serverFirst ? serverOnly[i++] : patched[j++]);
  }
  return out;
}

/** The merge key of a list in a patch; ports tell containers' from services' by their fields. */
function mergeKeyOf(field: string, entries: unknown[]): string | undefined {
  if (!entries.every(isObject)) return undefined;
  if (field === "ports") {
    return entries.every((e) => "containerPort" in e) ? "containerPort" : "port";
  }
  return MERGE_KEYS[field];
}

/** The list in the order `$setElementOrder` gives, entries it does not name kept after. */
function ordered(field: string, list: unknown[], order: unknown[]): unknown[] {
  const key = mergeKeyOf(field, order);
  const id = (v: unknown) => JSON.stringify(key && isObject(v) ? v[key] : v);
  const rank = new Map(order.map((v, i) => [id(v), i]));
  const at = (v: unknown) => rank.get(id(v)) ?? order.length;
  return list.map((v, i) => ({ v, i })).sort((a, b) => at(a.v) - at(b.v) || a.i - b.i)
    .map(({ v }) => v);
}

function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).filter(([k]) => !k.startsWith("$")).map(([k, v]) => [
      k,
      stripDirectives(v),
    ]),
  );
}
