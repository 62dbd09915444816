import { BadRequestError } from "../errors.ts";
import { kindInfo } from "../kinds.ts";
import type { AnyObject } from "../types.ts";
import { decodeError } from "./_decode_error.ts";
import { schemaFor } from "./_schemas.ts";
import { isRecord, keptFieldPaths } from "./_walk.ts";

/** A decoded object and the warnings decoding produced. */
export interface DecodeResult {
  /** The object, typed; kept fields are carried verbatim. */
  object: AnyObject;
  /** One line per field kclone stores but does not act on, e.g. `spec.volumes: ...`. */
  warnings: string[];
}

// Kubernetes prints these as null rather than dropping them; every other null means "unset".
const NULL_KEPT = new Set(["lastProbeTime", "eventTime"]);

/**
 * Decodes a manifest object as kube-apiserver does with strict field validation: the kind must
 * be one kclone serves in that apiVersion, unknown fields and wrong types are rejected
 * (BadRequestError), fields kclone only stores are kept and reported as warnings. Never mutates
 * `raw`.
 *
 * @example
 * ```ts
 * import { decodeObject } from "./decode.ts";
 * const { object, warnings } = decodeObject({
 *   apiVersion: "v1",
 *   kind: "Pod",
 *   metadata: { name: "web" },
 *   spec: { containers: [{ name: "web", image: "nginx" }], volumes: [] },
 * });
 * console.log(object.kind, warnings); // Pod [ "spec.volumes: kclone stores this field ..." ]
 * ```
 */
export function decodeObject(raw: unknown): DecodeResult {
  const input = withoutNulls(raw);
  if (!isRecord(input) || typeof input.kind !== "string" || input.kind === "") {
    throw new BadRequestError(`Object 'Kind' is missing in '${JSON.stringify(raw)}'`);
  }
  if (typeof input.apiVersion !== "string" || input.apiVersion === "") {
    throw new BadRequestError(`Object 'apiVersion' is missing in '${JSON.stringify(raw)}'`);
  }
  const info = kindInfo(input.kind);
  if (!info || info.apiVersion !== input.apiVersion) {
    throw new BadRequestError(
      `no matches for kind "${input.kind}" in version "${input.apiVersion}"`,
    );
  }
  const schema = schemaFor(info.kind);
  const result = schema.safeParse(input);
  if (!result.success) {
    throw decodeError(info.kind, info.version, schema, input, result.error.issues);
  }
  const object = result.data as AnyObject;
  object.metadata ??= {};
  const warnings = keptFieldPaths(schema, input).map((path) =>
    `${path}: kclone stores this field but does not act on it yet`
  );
  return { object, warnings };
}

/** A deep copy without null-valued fields, as Go's decoder leaves them unset. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child === null && !NULL_KEPT.has(key)) continue;
    out[key] = withoutNulls(child);
  }
  return out;
}
