/**
 * The object side of server-side apply: read and remove the value at a field path, and merge an
 * applied configuration into a live object (structs and maps field by field, keyed lists item
 * by item, sets as unions, everything else replaced).
 *
 * @module
 */
import type { FieldSchema } from "./field_schema.ts";
import { itemKey } from "./field_set.ts";

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** One step down a path: the container holding the value, and how to reach it. */
interface Step {
  parent: JsonObject | unknown[];
  at: string | number;
}

function step(node: unknown, segment: string): Step | undefined {
  if (segment.startsWith("f:") && isObject(node)) {
    const name = segment.slice(2);
    return name in node ? { parent: node, at: name } : undefined;
  }
  if (segment.startsWith("k:") && Array.isArray(node)) {
    const key = JSON.parse(segment.slice(2)) as JsonObject;
    const index = node.findIndex((item) =>
      isObject(item) && itemKey(item, Object.keys(key)) === segment
    );
    return index >= 0 ? { parent: node, at: index } : undefined;
  }
  if (segment.startsWith("v:") && Array.isArray(node)) {
    const wanted = segment.slice(2);
    const index = node.findIndex((item) => JSON.stringify(item) === wanted);
    return index >= 0 ? { parent: node, at: index } : undefined;
  }
  return undefined;
}

function walk(object: unknown, path: string[]): Step | undefined {
  let node = object;
  let last: Step | undefined;
  for (const segment of path) {
    if (segment === ".") continue;
    last = step(node, segment);
    if (!last) return undefined;
    node = (last.parent as Record<string | number, unknown>)[last.at];
  }
  return last;
}

/** The value at a field path, or undefined when the object does not have it. */
export function valueAt(object: unknown, path: string[]): unknown {
  const found = walk(object, path);
  return found ? (found.parent as Record<string | number, unknown>)[found.at] : undefined;
}

/** Removes the field (or list item) at a path from `object`, in place. */
export function removeAt(object: unknown, path: string[]): void {
  const found = walk(object, path.filter((s) => s !== "."));
  if (!found) return;
  if (Array.isArray(found.parent)) found.parent.splice(found.at as number, 1);
  else delete found.parent[found.at as string];
}

/** `live` with `applied` merged in, as a new value. */
export function mergeApplied(live: unknown, applied: unknown, schema: FieldSchema): unknown {
  if (applied === undefined) return structuredClone(live);
  if ((schema.shape === "struct" || schema.shape === "map") && isObject(applied)) {
    const out: JsonObject = isObject(live) ? structuredClone(live) : {};
    for (const [name, value] of Object.entries(applied)) {
      out[name] = mergeApplied(out[name], value, schema.child(name));
    }
    return out;
  }
  if (schema.shape === "keyed-list" && Array.isArray(applied)) {
    const out = Array.isArray(live) ? structuredClone(live) as unknown[] : [];
    for (const item of applied) {
      if (!isObject(item)) continue;
      const key = itemKey(item, schema.keys);
      const index = out.findIndex((have) => isObject(have) && itemKey(have, schema.keys) === key);
      if (index >= 0) out[index] = mergeApplied(out[index], item, schema.child());
      else out.push(structuredClone(item));
    }
    return out;
  }
  if (schema.shape === "set" && Array.isArray(applied)) {
    const out = Array.isArray(live) ? structuredClone(live) as unknown[] : [];
    const seen = new Set(out.map((v) => JSON.stringify(v)));
    for (const value of applied) if (!seen.has(JSON.stringify(value))) out.push(value);
    return out;
  }
  return structuredClone(applied);
}
