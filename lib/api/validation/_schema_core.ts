/**
 * Building blocks of the decoding schemas. Each builder returns a zod schema and records, beside
 * it, what the decoder needs to speak like kube-apiserver: the Go type name (for `json: cannot
 * unmarshal` messages), the shape (to walk a path) and whether kclone only keeps the field.
 *
 * Every struct field is optional here: Go's decoder never requires a field, validation does.
 *
 * @module
 */
import { z } from "zod";

/** When a kept field needs no warning: it holds its default, or it is status kclone writes. */
export type QuietRule = (value: unknown, parent: Record<string, unknown>) => boolean;

/** What the decoder knows about one schema. */
export interface SchemaMeta {
  /** Go type name as Kubernetes prints it, e.g. `v1.PodSpec`, `int32`, `[]v1.Container`. */
  goType: string;
  /** Struct name without package, e.g. `PodSpec` (structs only). */
  structName?: string;
  /** Field schemas of a struct, unwrapped (not optional). */
  fields?: Record<string, z.ZodType>;
  /** Element schema of a list. */
  element?: z.ZodType;
  /** Value schema of a map. */
  value?: z.ZodType;
  /** Set on fields Kubernetes has and kclone stores without acting on them. */
  kept?: { quiet?: QuietRule };
}

const metas = new WeakMap<z.ZodType, SchemaMeta>();

/** The recorded facts about a schema, if it was made by these builders. */
export function metaOf(schema: z.ZodType | undefined): SchemaMeta | undefined {
  return schema ? metas.get(schema) : undefined;
}

function leaf<T extends z.ZodType>(goType: string, schema: T): T {
  metas.set(schema, { goType });
  return schema;
}

/** A Go string. */
export function str(): z.ZodType {
  return leaf("string", z.string());
}

/** A Go bool. */
export function bool(): z.ZodType {
  return leaf("bool", z.boolean());
}

/** A Go int32. */
export function int32(): z.ZodType {
  return leaf("int32", z.number().int().min(-2147483648).max(2147483647));
}

/** A Go int64. */
export function int64(): z.ZodType {
  return leaf("int64", z.number().int());
}

/** A timestamp (metav1.Time) as RFC 3339 text; `nullable` where Kubernetes prints `null`. */
export function time(nullable = false): z.ZodType {
  return leaf("v1.Time", nullable ? z.string().nullable() : z.string());
}

/** An IntOrString: a port number or a port name, a count or a percent. */
export function intOrString(): z.ZodType {
  return leaf("intstr.IntOrString", z.union([z.number().int(), z.string()]));
}

/** A resource.Quantity: text or a bare number, normalised to text (`1` → `"1"`). */
export function quantity(): z.ZodType {
  return leaf("resource.Quantity", z.union([z.string(), z.number()]).transform((v) => String(v)));
}

/** A Go struct with Kubernetes' strict field matching; every field optional. */
export function struct(goType: string, fields: Record<string, z.ZodType>): z.ZodType {
  const shape = Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, s.optional()]));
  const schema = z.strictObject(shape);
  metas.set(schema, { goType, structName: goType.replace(/^.*\./, ""), fields });
  return schema;
}

/** A Go slice. */
export function list(element: z.ZodType): z.ZodType {
  const schema = z.array(element);
  metas.set(schema, { goType: `[]${metaOf(element)?.goType ?? "interface {}"}`, element });
  return schema;
}

/** A Go map with string keys. */
export function map(value: z.ZodType, goType?: string): z.ZodType {
  const schema = z.record(z.string(), value);
  metas.set(schema, { goType: goType ?? `map[string]${metaOf(value)?.goType}`, value });
  return schema;
}

/** A map of label-like strings (`map[string]string`). */
export function stringMap(): z.ZodType {
  return map(str());
}

/** A map of quantities (`v1.ResourceList`). */
export function resourceList(): z.ZodType {
  return map(quantity(), "v1.ResourceList");
}

/**
 * A field Kubernetes has that kclone stores verbatim but does not act on: decoding warns about
 * it unless `quiet` says the value changes nothing. Untyped (any JSON) unless a schema is given.
 */
export function kept(schema?: z.ZodType, quiet?: QuietRule): z.ZodType {
  const inner = schema ?? z.unknown();
  const wrapped = inner.optional();
  metas.set(wrapped, { ...(metaOf(inner) ?? { goType: "interface {}" }), kept: { quiet } });
  return wrapped;
}

/** A field kclone keeps without a warning: status written by Kubernetes components. */
export function quiet(schema?: z.ZodType): z.ZodType {
  return kept(schema, () => true);
}

/** A quiet rule: no warning when the value equals `expected` (compared as JSON). */
export function whenEquals(expected: unknown): QuietRule {
  return (value) => JSON.stringify(value) === JSON.stringify(expected);
}
