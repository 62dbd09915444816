/**
 * Kubernetes `Table` responses (meta.k8s.io/v1), the server-side printing `kubectl get` asks
 * for: the kind's kubectl columns (wide ones at priority 1), one row per object, and the object
 * itself as PartialObjectMetadata, as a whole, or not at all (`includeObject`).
 *
 * @module
 */
import { BadRequestError } from "../api/errors.ts";
import type { AnyObject, Kind } from "../api/types.ts";
import { COLUMNS } from "../cli/printers/resource_table.ts";
import { age } from "../cli/printers/age.ts";

/** One column of a Table, as kube-apiserver describes it. */
export interface TableColumnDefinition {
  /** Human-readable name; kubectl prints it upper-cased as the header. */
  name: string;
  /** OpenAPI type of the cells: `string` or `integer`. */
  type: string;
  /** OpenAPI format; `name` marks the column holding the object's name. */
  format: string;
  /** What the column shows. */
  description: string;
  /** 0 for the default columns, 1 for the ones kubectl shows only with `-o wide`. */
  priority: number;
}

/** One row of a Table. */
export interface TableRow {
  /** Cells, in the order of the column definitions. */
  cells: (string | number)[];
  /** The object of the row, as `includeObject` asked (absent for None). */
  object?: unknown;
}

/** A meta.k8s.io Table. */
export interface Table {
  /** Always `Table`. */
  kind: "Table";
  /** `meta.k8s.io/v1` (or v1beta1 when only that was asked for). */
  apiVersion: string;
  /** List metadata: resourceVersion, and continue and remainingItemCount on a page. */
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  /** The columns; empty in watch events after the first, as kube-apiserver sends them. */
  columnDefinitions: TableColumnDefinition[];
  /** One row per object. */
  rows: TableRow[];
}

/** What a row carries of its object: `includeObject` as kube-apiserver reads it. */
export type IncludeObject = "None" | "Metadata" | "Object";

/** Options of objectTable(). */
export interface ObjectTableOptions {
  /** The list's (or object's) resourceVersion. */
  resourceVersion?: string;
  /** The list's continue token. */
  continue?: string;
  /** How many items remain after this page of the list. */
  remainingItemCount?: number;
  /** What each row carries of its object; Metadata by default. */
  includeObject?: IncludeObject;
  /** The Table's apiVersion; `meta.k8s.io/v1` by default. */
  apiVersion?: string;
}

const INTEGER_COLUMNS: Readonly<Partial<Record<Kind, readonly string[]>>> = {
  Deployment: ["UP-TO-DATE", "AVAILABLE"],
  ReplicaSet: ["DESIRED", "CURRENT", "READY"],
  Event: ["COUNT"],
};

/** Column names as kube-apiserver spells them, where title case of the header is not it. */
const NAMES: Readonly<Record<string, string>> = {
  "IP": "IP",
  "UP-TO-DATE": "Up-to-date",
  "CLUSTER-IP": "Cluster-IP",
  "EXTERNAL-IP": "External-IP",
  "INTERNAL-IP": "Internal-IP",
  "OS-IMAGE": "OS-Image",
  "KERNEL-VERSION": "Kernel-Version",
  "CONTAINER-RUNTIME": "Container-Runtime",
  "PORT(S)": "Port(s)",
};

/**
 * A kind's objects as a Table: every column of `kubectl get -o wide`, the extra ones at
 * priority 1, cells as kubectl prints them (counts as integers).
 *
 * @example
 * ```ts
 * import { objectTable } from "./table.ts";
 * const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev", creationTimestamp: "2026-01-01T00:00:00Z" }, status: { phase: "Active" } };
 * objectTable("Namespace", [ns as never], Date.parse("2026-01-01T00:00:05Z")).rows[0].cells; // ["dev", "Active", "5s"]
 * ```
 */
export function objectTable(
  kind: Kind,
  objects: readonly AnyObject[],
  now: number,
  options: ObjectTableOptions = {},
): Table {
  const columns = COLUMNS[kind];
  const headers = columns ? [...columns.wideHeaders] : ["NAME", "AGE"];
  const narrow = new Set(columns ? columns.headers : headers);
  const integers = new Set(INTEGER_COLUMNS[kind] ?? []);
  // Rows keep the store's order, as kube-apiserver's do (resourceRows() would sort events).
  const cellRows = objects.map((o) =>
    columns
      ? columns.row(o, now, true)
      : [o.metadata.name ?? "", age(o.metadata.creationTimestamp, now)]
  );
  const includeObject = options.includeObject ?? "Metadata";
  return {
    kind: "Table",
    apiVersion: options.apiVersion ?? "meta.k8s.io/v1",
    metadata: {
      ...(options.resourceVersion ? { resourceVersion: options.resourceVersion } : {}),
      ...(options.continue ? { continue: options.continue } : {}),
      ...(options.remainingItemCount !== undefined
        ? { remainingItemCount: options.remainingItemCount }
        : {}),
    },
    columnDefinitions: headers.map((header, i) => ({
      name: NAMES[header] ?? titleCase(header),
      type: integers.has(header) ? "integer" : "string",
      format: i === 0 && header === "NAME" ? "name" : "",
      description: `${titleCase(header)} of the ${kind}, as kubectl prints it.`,
      priority: narrow.has(header) ? 0 : 1,
    })),
    rows: cellRows.map((cells, i) => ({
      cells: cells.map((cell, c) => integers.has(headers[c]) ? Number(cell) : cell),
      ...(includeObject === "None" ? {} : { object: rowObject(objects[i], includeObject) }),
    })),
  };
}

/**
 * The Table version an `Accept` header asks for (`v1` or `v1beta1`), or undefined when the
 * client wants plain objects. Media types are tried in the order given, as kubectl lists them.
 */
export function tableVersion(accept: string | null | undefined): string | undefined {
  for (const part of (accept ?? "").split(",")) {
    const [type, ...params] = part.split(";").map((s) => s.trim());
    const values = new Map(
      params.map((p) => p.split("=").map((s) => s.trim()) as [string, string]),
    );
    if (type !== "application/json" && type !== "*/*") continue;
    if (values.get("as") !== "Table") return undefined;
    const version = values.get("v");
    if (values.get("g") === "meta.k8s.io" && (version === "v1" || version === "v1beta1")) {
      return version;
    }
  }
  return undefined;
}

/** The `includeObject` query parameter, checked; Metadata when absent. */
export function includeObjectParam(value: string | null): IncludeObject {
  if (value === null || value === "") return "Metadata";
  if (value === "None" || value === "Metadata" || value === "Object") return value;
  throw new BadRequestError(
    `unsupported value "${value}" for includeObject: supported values: "None", "Metadata", "Object"`,
  );
}

function rowObject(object: AnyObject, includeObject: IncludeObject): unknown {
  if (includeObject === "Object") return object;
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: object.metadata };
}

function titleCase(header: string): string {
  return header.toLowerCase().replace(/(^|[ -])([a-z])/g, (_, sep, c) => sep + c.toUpperCase());
}
