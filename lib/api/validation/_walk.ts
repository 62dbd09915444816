/**
 * Walks a decoding schema alongside a value or a path: to find the fields kclone keeps without
 * acting on them, and to name a failing field the way Go's encoding/json names it.
 *
 * @module
 */
import type { z } from "zod";
import { metaOf } from "./_schema_core.ts";

/** A path segment as zod reports it: a field or map key, or a list index. */
export type Segment = string | number;

/** Formats a path as Kubernetes prints field paths: `spec.containers[0].image`. */
export function formatPath(path: readonly Segment[]): string {
  let out = "";
  for (const seg of path) {
    out += typeof seg === "number" ? `[${seg}]` : out === "" ? seg : `.${seg}`;
  }
  return out;
}

/** Paths of the kept fields present in `value` that need a warning, in document order. */
export function keptFieldPaths(schema: z.ZodType, value: unknown): string[] {
  const found: string[] = [];
  visit(schema, value, "", {}, found);
  return found;
}

function visit(
  schema: z.ZodType | undefined,
  value: unknown,
  path: string,
  parent: Record<string, unknown>,
  found: string[],
): void {
  const meta = metaOf(schema);
  if (!meta || value === undefined || value === null) return;
  if (meta.kept) {
    if (!meta.kept.quiet?.(value, parent)) found.push(path);
    return;
  }
  if (meta.fields && isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      visit(meta.fields[key], child, path ? `${path}.${key}` : key, value, found);
    }
  } else if (meta.element && Array.isArray(value)) {
    value.forEach((item, i) => visit(meta.element, item, `${path}[${i}]`, {}, found));
  } else if (meta.value && isRecord(value)) {
    for (const [key, child] of Object.entries(value)) {
      visit(meta.value, child, `${path}[${key}]`, value, found);
    }
  }
}

/** Where a type error sits, named as Go names it. */
export interface GoField {
  /** The struct holding the innermost field, e.g. `NodeAffinity`. */
  struct: string;
  /** Field names from the root, without indices or map keys, e.g. `spec.affinity.nodeAffinity`. */
  field: string;
  /** Go type of the value that failed, e.g. `v1.NodeSelector`. */
  goType: string;
}

/** Resolves a zod issue path against the schema into Go's struct/field/type naming. */
export function goFieldAt(schema: z.ZodType, path: readonly Segment[]): GoField {
  let current: z.ZodType | undefined = schema;
  let struct = metaOf(schema)?.structName ?? "";
  const fields: string[] = [];
  for (const seg of path) {
    const meta = metaOf(current);
    if (!meta) break;
    if (meta.fields) {
      struct = meta.structName ?? struct;
      fields.push(String(seg));
      current = meta.fields[String(seg)];
    } else if (meta.element) {
      current = meta.element;
    } else if (meta.value) {
      current = meta.value;
    } else break;
  }
  return { struct, field: fields.join("."), goType: metaOf(current)?.goType ?? "interface {}" };
}

/** The value found at `path` inside `value`. */
export function valueAt(value: unknown, path: readonly Segment[]): unknown {
  let current = value;
  for (const seg of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[seg as string];
  }
  return current;
}

/** True for plain JSON objects. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
