/**
 * Drops the fields a kind's schema does not know, for fieldValidation=Warn and Ignore.
 *
 * @module
 */
import type { Kind } from "../api/types.ts";
import { metaOf, schemaFor } from "../api/validation/schemas.ts";

type Schema = Parameters<typeof metaOf>[0];

/** A copy of `object` without unknown fields, and their paths (`spec.containers[0].bogus`). */
export function dropUnknownFields(
  kind: Kind,
  object: Record<string, unknown>,
): { object: Record<string, unknown>; dropped: string[] } {
  const copy = structuredClone(object);
  const dropped: string[] = [];
  visit(schemaFor(kind), copy, "", dropped);
  return { object: copy, dropped };
}

function visit(schema: Schema, value: unknown, path: string, dropped: string[]): void {
  const meta = metaOf(schema);
  if (!meta || meta.kept || typeof value !== "object" || value === null) return;
  if (meta.fields && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = path ? `${path}.${key}` : key;
      if (!(key in meta.fields)) {
        dropped.push(child);
        delete record[key];
      } else visit(meta.fields[key], record[key], child, dropped);
    }
  } else if (meta.element && Array.isArray(value)) {
    value.forEach((item, i) => visit(meta.element, item, `${path}[${i}]`, dropped));
  } else if (meta.value && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      visit(meta.value, child, `${path}[${key}]`, dropped);
    }
  }
}
