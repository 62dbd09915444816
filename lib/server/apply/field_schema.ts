/**
 * How server-side apply sees a field, read from the OpenAPI v3 schema kclone serves (the same
 * `x-kubernetes-list-type`, `x-kubernetes-list-map-keys` and `x-kubernetes-map-type` that
 * kube-apiserver's structured merge reads).
 *
 * @module
 */
import type { KindInfo } from "../../api/kinds.ts";
import { cachedOpenApiDocument, groupVersionPath, type JsonSchema } from "../openapi/mod.ts";
import { definitionName } from "../openapi/_names.ts";

/** A struct, a map, a list keyed by fields, a set, or a value replaced as a whole. */
export type FieldShape = "struct" | "map" | "keyed-list" | "set" | "atomic";

/** The schema of one field, with a way to reach its children. */
export interface FieldSchema {
  /** How apply merges and owns it. */
  shape: FieldShape;
  /** The key fields of a keyed list's items. */
  keys: string[];
  /** The schema of a child: a struct's field, a map's value, a list's item. */
  child(name?: string): FieldSchema;
}

/** An atomic value: owned and replaced as a whole, with no children of its own. */
const ATOMIC: FieldSchema = { shape: "atomic", keys: [], child: () => ATOMIC };

/** The field schema of a served kind's objects, or an atomic one when kclone has no schema. */
export function kindFieldSchema(info: KindInfo): FieldSchema {
  const document = cachedOpenApiDocument(groupVersionPath(info))?.document;
  if (!document) return ATOMIC;
  const schemas = document.components.schemas;
  return nodeOf(schemas[definitionName(info.kind)], schemas);
}

function resolve(schema: JsonSchema | undefined, schemas: Record<string, JsonSchema>) {
  let node = schema;
  for (let hops = 0; node && hops < 8; hops++) {
    const target = (node.$ref ?? (node.allOf as JsonSchema[] | undefined)?.[0]?.$ref) as
      | string
      | undefined;
    if (!target) break;
    node = schemas[target.slice("#/components/schemas/".length)];
  }
  return node;
}

function nodeOf(schema: JsonSchema | undefined, schemas: Record<string, JsonSchema>): FieldSchema {
  const node = resolve(schema, schemas);
  if (!node) return ATOMIC;
  if (node.type === "array") {
    const listType = node["x-kubernetes-list-type"];
    const keys = (node["x-kubernetes-list-map-keys"] ?? []) as string[];
    const items = node.items as JsonSchema | undefined;
    if (listType === "map" && keys.length > 0) {
      return { shape: "keyed-list", keys, child: () => nodeOf(items, schemas) };
    }
    return listType === "set" ? { shape: "set", keys: [], child: () => ATOMIC } : ATOMIC;
  }
  if (node.type !== "object" || node["x-kubernetes-map-type"] === "atomic") return ATOMIC;
  const properties = node.properties as Record<string, JsonSchema> | undefined;
  if (properties) {
    return { shape: "struct", keys: [], child: (name) => nodeOf(properties[name ?? ""], schemas) };
  }
  const values = node.additionalProperties as JsonSchema | undefined;
  if (values && typeof values === "object") {
    return { shape: "map", keys: [], child: () => nodeOf(values, schemas) };
  }
  return ATOMIC;
}
