/**
 * Turns zod issues into kube-apiserver's decoding errors: `json: cannot unmarshal ...` for a
 * wrong type, `strict decoding error: unknown field "..."` for fields Kubernetes does not have.
 *
 * @module
 */
import type { z } from "zod";
import { BadRequestError } from "../errors.ts";
import { formatPath, goFieldAt, isRecord, type Segment, valueAt } from "./_walk.ts";

/** The BadRequest for a failed decode: the first type error, else every unknown field. */
export function decodeError(
  kind: string,
  version: string,
  schema: z.ZodType,
  input: unknown,
  issues: readonly z.core.$ZodIssue[],
): BadRequestError {
  const prefix = `${kind} in version "${version}" cannot be handled as a ${kind}: `;
  const typeIssue = issues.find((i) => i.code !== "unrecognized_keys");
  if (typeIssue) {
    const path = typeIssue.path as Segment[];
    const at = goFieldAt(schema, path);
    const got = jsonKind(valueAt(input, path), at.goType);
    return new BadRequestError(
      `${prefix}json: cannot unmarshal ${got} into Go struct field ${at.struct}.${at.field} ` +
        `of type ${at.goType}`,
    );
  }
  const unknown = issues.flatMap((i) =>
    i.code === "unrecognized_keys"
      ? i.keys.map((key) => `unknown field "${formatPath([...(i.path as Segment[]), key])}"`)
      : []
  );
  return new BadRequestError(`${prefix}strict decoding error: ${unknown.join(", ")}`);
}

/** The JSON kind Go names in `cannot unmarshal <kind>`; numbers show their text for int targets. */
function jsonKind(value: unknown, goType: string): string {
  if (Array.isArray(value)) return "array";
  if (isRecord(value)) return "object";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return /int/.test(goType) ? `number ${value}` : "number";
  if (value === null) return "null";
  return "string";
}
