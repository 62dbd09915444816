/**
 * Derives Kubernetes-style OpenAPI definitions from kclone's strict decoding schemas, so that
 * the fields kubectl accepts are exactly the fields kclone's decoder accepts: one source of
 * truth. Fields kclone keeps without a typed schema become free-form objects or arrays.
 *
 * @module
 */
import type { z } from "zod";
import { metaOf, type SchemaMeta } from "../../api/validation/schemas.ts";
import { describe, enumOf } from "./_descriptions.ts";
import { fieldExtensions } from "./_extensions.ts";
import { definitionName, ref, SCALAR_DEFINITIONS } from "./_names.ts";

/** An OpenAPI schema object. */
export type JsonSchema = Record<string, unknown>;

const FREE_OBJECT: JsonSchema = { type: "object", "x-kubernetes-preserve-unknown-fields": true };
const FREE_ARRAY: JsonSchema = { type: "array", items: FREE_OBJECT };
const STRINGS: JsonSchema = { type: "array", items: { type: "string" } };

// Untyped kept fields whose Kubernetes type is not an object, by field name.
const UNTYPED: Record<string, JsonSchema> = Object.fromEntries([
  ...[
    "volumes",
    "envFrom",
    "volumeMounts",
    "volumeDevices",
    "resizePolicy",
    "restartPolicyRules",
    "imagePullSecrets",
    "ephemeralContainers",
    "hostAliases",
    "readinessGates",
    "topologySpreadConstraints",
    "schedulingGates",
    "resourceClaims",
    "claims",
    "managedFields",
    "hostIPs",
    "ephemeralContainerStatuses",
    "resourceClaimStatuses",
    "allocatedResourcesStatus",
    "images",
    "volumesAttached",
    "runtimeHandlers",
    "conditions",
    "ports",
  ].map((f) => [f, FREE_ARRAY]),
  ["volumesInUse", STRINGS],
  ["declaredFeatures", STRINGS],
  ["resize", { type: "string" }],
  ["stopSignal", { type: "string" }],
]);

const LEAVES: Record<string, JsonSchema> = {
  string: { type: "string" },
  bool: { type: "boolean" },
  int32: { type: "integer", format: "int32" },
  int64: { type: "integer", format: "int64" },
};

/** Definitions by name, filled as schemas are converted. */
export type Definitions = Record<string, JsonSchema>;

/**
 * Converts a decoding schema to an OpenAPI schema, adding every struct it reaches to
 * `definitions` and returning a `$ref` for structs. `field` names the field for free-form
 * fields whose shape the decoder does not record.
 */
export function toOpenApi(schema: z.ZodType, definitions: Definitions, field = ""): JsonSchema {
  const meta = metaOf(schema);
  if (!meta || meta.goType === "interface {}") return UNTYPED[field] ?? FREE_OBJECT;
  const scalar = SCALAR_DEFINITIONS[meta.goType];
  if (scalar) {
    const { name, ...definition } = scalar;
    definitions[name as string] = definition;
    return ref(name as string);
  }
  if (meta.fields && meta.structName) return structRef(meta, definitions);
  if (meta.element) {
    return { type: "array", items: toOpenApi(meta.element, definitions, field) };
  }
  if (meta.value) {
    return { type: "object", additionalProperties: toOpenApi(meta.value, definitions, field) };
  }
  const leaf = LEAVES[meta.goType];
  if (!leaf) throw new Error(`openapi: no schema for Go type ${meta.goType}`);
  return { ...leaf };
}

function structRef(meta: SchemaMeta, definitions: Definitions): JsonSchema {
  const struct = meta.structName!;
  const name = definitionName(struct);
  if (definitions[name]) return ref(name);
  const definition: JsonSchema = { type: "object" };
  definitions[name] = definition; // before the fields: structs may recur
  const description = describe(struct);
  if (description) definition.description = description;
  const properties: Record<string, JsonSchema> = {};
  for (const [field, fieldSchema] of Object.entries(meta.fields!)) {
    properties[field] = property(struct, field, toOpenApi(fieldSchema, definitions, field));
  }
  definition.properties = properties;
  return ref(name);
}

/** A property as kube-openapi writes it: a `$ref` with siblings goes inside `allOf`. */
function property(struct: string, field: string, schema: JsonSchema): JsonSchema {
  const description = describe(`${struct}.${field}`);
  const values = enumOf(`${struct}.${field}`);
  const extras: JsonSchema = {
    ...(description ? { description } : {}),
    ...(values ? { enum: values } : {}),
    ...fieldExtensions(struct, field),
  };
  if (!("$ref" in schema) || Object.keys(extras).length === 0) return { ...schema, ...extras };
  return { allOf: [schema], default: {}, ...extras };
}
