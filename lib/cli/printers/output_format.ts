/**
 * `-o json`, `-o yaml` and `-o name`: objects printed as kubectl prints them.
 *
 * @module
 */
import { stringify } from "yaml";
import { objectRef } from "../../api/kinds.ts";
import type { AnyObject } from "../../api/types.ts";

/** The machine-readable output formats. */
export type ObjectFormat = "json" | "yaml" | "name";

/** Options of formatObjects(). */
export interface FormatObjectsOptions {
  /** Print the one object itself rather than a List (kubectl does for `get KIND NAME`). */
  single?: boolean;
}

/**
 * Objects as `kubectl get -o json|yaml|name` prints them. JSON and YAML hold the objects as
 * stored, keys sorted as kubectl sorts them; several objects (or a whole listing) come as
 * `{"apiVersion": "v1", "items": [...], "kind": "List", "metadata": {"resourceVersion": ""}}`.
 * JSON is indented by four spaces, YAML written as YAML 1.1 (quoting `"yes"` and timestamps,
 * lists not indented) as kubectl's go-yaml does. `name` prints one `kind/name` per line
 * (`pod/web-1`, `deployment.apps/web`).
 *
 * @example
 * ```ts
 * import { formatObjects } from "./output_format.ts";
 * const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "web" }, spec: { containers: [] } };
 * formatObjects([pod], "name"); // "pod/web"
 * ```
 */
export function formatObjects(
  objects: readonly AnyObject[],
  format: ObjectFormat,
  options: FormatObjectsOptions = {},
): string {
  if (format === "name") return objects.map(objectRef).join("\n");
  const value = options.single && objects.length === 1 ? objects[0] : {
    apiVersion: "v1",
    items: objects,
    kind: "List",
    metadata: { resourceVersion: "" },
  };
  const sorted = sortKeys(value);
  if (format === "json") return JSON.stringify(sorted, null, 4);
  return stringify(sorted, { version: "1.1", indentSeq: false, lineWidth: 0 }).trimEnd();
}

/** A deep copy with every object's keys in sorted order (arrays keep their order). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record).sort().filter((k) => record[k] !== undefined).map((k) => [
      k,
      sortKeys(record[k]),
    ]),
  );
}
