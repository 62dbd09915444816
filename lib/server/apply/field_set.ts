/**
 * Field sets in Kubernetes' `FieldsV1` form, as managedFields records them: `f:<name>` for a
 * field, `k:{"name":"web"}` for an item of a keyed list, `v:<json>` for a value of a set, and
 * `.` for an item itself. Leaves are `{}`.
 *
 * @module
 */
import type { FieldSchema } from "./field_schema.ts";

/** A FieldsV1 tree. */
export type FieldSet = { [segment: string]: FieldSet };

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Key fields that Kubernetes defaults, so an item that leaves one out has the default key. */
const KEY_DEFAULTS: JsonObject = { protocol: "TCP" };

/** The key segment of a keyed list's item: `k:{"containerPort":80,"protocol":"TCP"}`. */
export function itemKey(item: JsonObject, keys: string[]): string {
  const key: JsonObject = {};
  for (const name of [...keys].sort()) {
    const value = item[name] ?? KEY_DEFAULTS[name];
    if (value !== undefined) key[name] = value;
  }
  return `k:${JSON.stringify(key)}`;
}

/**
 * The fields an applied configuration sets. Server-managed metadata (name, namespace, uid,
 * resourceVersion, ...) and `status` are not owned by apply, as in Kubernetes.
 */
export function fieldSetOf(object: JsonObject, schema: FieldSchema): FieldSet {
  const set = walk(object, schema);
  const metadata = set["f:metadata"];
  if (metadata) {
    for (const name of ["name", "namespace", "uid", "resourceVersion", "generation"]) {
      delete metadata[`f:${name}`];
    }
    delete metadata["f:creationTimestamp"];
    delete metadata["f:managedFields"];
    if (Object.keys(metadata).length === 0) delete set["f:metadata"];
  }
  for (const name of ["apiVersion", "kind", "status"]) delete set[`f:${name}`];
  return set;
}

function walk(value: unknown, schema: FieldSchema): FieldSet {
  if (schema.shape === "keyed-list" && Array.isArray(value)) {
    const set: FieldSet = {};
    for (const item of value) {
      if (!isObject(item)) continue;
      set[itemKey(item, schema.keys)] = { ".": {}, ...walk(item, schema.child()) };
    }
    return set;
  }
  if (schema.shape === "set" && Array.isArray(value)) {
    return Object.fromEntries(value.map((v) => [`v:${JSON.stringify(v)}`, {}]));
  }
  if ((schema.shape === "struct" || schema.shape === "map") && isObject(value)) {
    const set: FieldSet = {};
    for (const [name, child] of Object.entries(value)) {
      if (child === undefined) continue;
      set[`f:${name}`] = walk(child, schema.child(name));
    }
    return set;
  }
  return {};
}

/** The paths of a set's leaves, as lists of segments. */
export function leafPaths(set: FieldSet, prefix: string[] = []): string[][] {
  const paths: string[][] = [];
  for (const [segment, child] of Object.entries(set)) {
    if (segment === ".") continue;
    const path = [...prefix, segment];
    const children = Object.keys(child).filter((s) => s !== ".");
    if (children.length === 0) paths.push(path);
    else paths.push(...leafPaths(child, path));
  }
  return paths;
}

/** True when the set holds the path (as a leaf or an inner node). */
export function hasPath(set: FieldSet, path: string[]): boolean {
  let node: FieldSet | undefined = set;
  for (const segment of path) {
    node = node[segment];
    if (node === undefined) return false;
  }
  return true;
}

/** A copy of `set` without the given leaf paths (inner nodes left empty go too). */
export function withoutPaths(set: FieldSet, paths: string[][]): FieldSet {
  const copy = structuredClone(set);
  for (const path of paths) removePath(copy, path);
  return copy;
}

function removePath(set: FieldSet, path: string[]): void {
  const [head, ...rest] = path;
  const child = set[head];
  if (child === undefined) return;
  if (rest.length > 0) removePath(child, rest);
  const left = Object.keys(child).filter((s) => s !== ".");
  if (rest.length === 0 || left.length === 0) delete set[head];
}

/** `.spec.template.spec.containers[name="web"].image`: a path as Kubernetes prints it. */
export function pathText(path: string[]): string {
  return path.map((segment) => {
    if (segment.startsWith("f:")) return `.${segment.slice(2)}`;
    if (segment.startsWith("k:")) {
      const key = JSON.parse(segment.slice(2)) as JsonObject;
      return `[${Object.entries(key).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(",")}]`;
    }
    if (segment.startsWith("v:")) return `[=${segment.slice(2)}]`;
    return "";
  }).join("");
}
