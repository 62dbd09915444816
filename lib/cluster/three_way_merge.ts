import jsonMergePatch from "json-merge-patch";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The JSON merge patch that `kubectl apply` sends, computed as it computes it from three states:
 * what was applied last (`original`), what is applied now (`modified`) and what the server holds
 * (`current`). Fields that `modified` sets and `current` lacks or holds differently are set; fields
 * that `original` had and `modified` dropped are deleted (null); everything else the server set
 * (status, spec.nodeName, a ClusterIP) is left alone. Lists are replaced whole.
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
    } else if (JSON.stringify(want) !== JSON.stringify(have)) {
      patch[key] = want;
    }
  }
  for (const key of Object.keys(original)) {
    if (!(key in modified) && key in current) patch[key] = null;
  }
  return patch;
}

function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

/** Applies a JSON merge patch (RFC 7386) to a copy of `target`. */
export function applyMergePatch<T>(target: T, patch: unknown): T {
  return jsonMergePatch.apply(structuredClone(target), structuredClone(patch)) as T;
}
