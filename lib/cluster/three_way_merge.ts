import jsonMergePatch from "json-merge-patch";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The JSON merge patch that `kubectl apply` amounts to, computed as it computes it from three
 * states: what was applied last (`original`), what is applied now (`modified`) and what the server
 * holds (`current`). Fields that `modified` sets and `current` lacks or holds differently are set;
 * fields that `original` had and `modified` dropped are deleted (null); everything else the server
 * set (status, spec.nodeName, a ClusterIP, defaults) is left alone. Lists with a Kubernetes merge
 * key (containers and env by name, container ports by containerPort, ...) are merged entry by entry
 * as a strategic merge patch does; other lists are replaced whole.
 */
export function threeWayMergePatch(
  original: unknown,
  modified: unknown,
  current: unknown,
): Record<string, unknown> {
  return patchFor(asObject(original), asObject(modified), asObject(current));
}

function patchFor(original: JsonObject, modified: JsonObject, current: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const [key, want] of Object.entries(modified)) {
    const have = current[key];
    if (isObject(want) && isObject(have)) {
      const nested = patchFor(asObject(original[key]), want, have);
      if (Object.keys(nested).length > 0) patch[key] = nested;
      continue;
    }
    const mergeKey = Array.isArray(want) && Array.isArray(have)
      ? listMergeKey(key, want)
      : undefined;
    const value = mergeKey
      ? mergeList(mergeKey, asList(original[key]), want as JsonObject[], have as JsonObject[])
      : want;
    if (!same(value, have)) patch[key] = value;
  }
  for (const key of Object.keys(original)) {
    if (!(key in modified) && key in current) patch[key] = null;
  }
  return patch;
}

/** The merge key of a list field, as Kubernetes' strategic merge patch declares it. */
function listMergeKey(field: string, entries: Json[]): string | undefined {
  if (!entries.every(isObject)) return undefined;
  const key = MERGE_KEYS[field];
  if (field === "ports") {
    return entries.every((e) => isObject(e) && "containerPort" in e) ? "containerPort" : "port";
  }
  return key && entries.every((e) => isObject(e) && key in e) ? key : undefined;
}

const MERGE_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  imagePullSecrets: "name",
  hostAliases: "ip",
  conditions: "type",
};

/**
 * The merged list: modified's entries in its order, each merged into its current counterpart,
 * then current entries that neither modified nor original names (added by the server or others).
 */
function mergeList(
  mergeKey: string,
  original: Json[],
  modified: JsonObject[],
  current: JsonObject[],
): Json[] {
  const find = (list: Json[], id: Json) =>
    list.find((e) => isObject(e) && same(e[mergeKey], id)) as JsonObject | undefined;
  const merged: Json[] = modified.map((want) => {
    const have = find(current, want[mergeKey]);
    if (!have) return want;
    const patch = patchFor(asObject(find(original, want[mergeKey])), want, have);
    return applyMergePatch(have, patch);
  });
  for (const have of current) {
    if (!find(modified, have[mergeKey]) && !find(original, have[mergeKey])) merged.push(have);
  }
  return merged;
}

function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

function asList(value: unknown): Json[] {
  return Array.isArray(value) ? value : [];
}

/** Applies a JSON merge patch (RFC 7386) to a copy of `target`. */
export function applyMergePatch<T>(target: T, patch: unknown): T {
  return jsonMergePatch.apply(structuredClone(target), structuredClone(patch)) as T;
}
