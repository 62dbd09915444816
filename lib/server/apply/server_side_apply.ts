/**
 * Server-side apply as a pure function: the applied configuration merged into the live object,
 * with field ownership recorded in `metadata.managedFields` and conflicts with other managers
 * reported as kube-apiserver reports them.
 *
 * @module
 */
import { isDeepStrictEqual } from "node:util";
import { ApiError, type StatusCause } from "../../api/errors.ts";
import type { FieldSchema } from "./field_schema.ts";
import {
  type FieldSet,
  fieldSetOf,
  hasPath,
  leafPaths,
  pathText,
  withoutPaths,
} from "./field_set.ts";
import { mergeApplied, removeAt, valueAt } from "./merge_applied.ts";

type JsonObject = Record<string, unknown>;

/** One entry of `metadata.managedFields`. */
export interface ManagedFieldsEntry {
  /** Who manages the fields, e.g. `kubectl`. */
  manager: string;
  /** `Apply` or `Update`. */
  operation: string;
  /** The API version the fields were set in. */
  apiVersion: string;
  /** When the entry last changed (RFC 3339). */
  time?: string;
  /** Always `FieldsV1`. */
  fieldsType: string;
  /** The fields. */
  fieldsV1: FieldSet;
  /** Set for writes through a subresource (`status`, `scale`). */
  subresource?: string;
}

/** Options of serverSideApply(). */
export interface ServerSideApplyOptions {
  /** The field manager (`fieldManager` of the request). */
  manager: string;
  /** Take fields other managers own instead of failing (`force=true`). */
  force?: boolean;
  /** The apiVersion of the request, recorded in the entry. */
  apiVersion: string;
  /** Now, RFC 3339. */
  now: string;
  /** The schema of the kind. */
  schema: FieldSchema;
}

/** A field another manager owns with another value. */
interface Conflict {
  entry: ManagedFieldsEntry;
  path: string[];
}

/**
 * The object after applying `applied` for `options.manager`: fields it set are merged in,
 * fields it set last time and no longer sets are removed unless another manager owns them, and
 * its managedFields entry now lists exactly what it set. Conflict (409) when it would change a
 * field another manager owns, unless `force`.
 */
export function serverSideApply(
  live: Record<string, unknown> | undefined,
  applied: Record<string, unknown>,
  options: ServerSideApplyOptions,
): Record<string, unknown> {
  const appliedSet = fieldSetOf(applied, options.schema);
  const entries = structuredClone(managedFieldsOf(live));
  const isMine = (e: ManagedFieldsEntry) =>
    e.manager === options.manager && e.operation === "Apply";
  const mine = entries.find(isMine);
  let others = entries.filter((e) => !isMine(e));
  const conflicts = findConflicts(live, applied, appliedSet, others);
  if (conflicts.length > 0 && !options.force) throw conflictError(conflicts);
  others = others
    .map((entry) => {
      const taken = conflicts.filter((c) => c.entry.manager === entry.manager).map((c) => c.path);
      return taken.length > 0 ? { ...entry, fieldsV1: withoutPaths(entry.fieldsV1, taken) } : entry;
    })
    .filter((entry) => Object.keys(entry.fieldsV1).length > 0);
  const object = structuredClone(live ?? {}) as JsonObject;
  for (const path of droppedPaths(mine?.fieldsV1 ?? {}, appliedSet, others)) removeAt(object, path);
  const merged = mergeApplied(object, applied, options.schema) as JsonObject;
  // An apply that changes nothing leaves the entry (and its time) as it was: nothing is written.
  const unchanged = mine !== undefined && others.length === entries.length - 1 &&
    isDeepStrictEqual(mine.fieldsV1, appliedSet) &&
    isDeepStrictEqual(withoutManagedFields(merged), withoutManagedFields(live));
  const entry: ManagedFieldsEntry = {
    manager: options.manager,
    operation: "Apply",
    apiVersion: options.apiVersion,
    time: unchanged ? mine.time : options.now,
    fieldsType: "FieldsV1",
    fieldsV1: appliedSet,
  };
  const metadata = (merged.metadata ??= {}) as JsonObject;
  metadata.managedFields = unchanged
    ? entries.map((e) => isMine(e) ? entry : e)
    : [...others, entry];
  return merged;
}

function withoutManagedFields(object: JsonObject | undefined): unknown {
  if (!object) return undefined;
  const { managedFields: _, ...metadata } = (object.metadata ?? {}) as JsonObject;
  return { ...object, metadata };
}

function managedFieldsOf(object: JsonObject | undefined): ManagedFieldsEntry[] {
  const list = (object?.metadata as JsonObject | undefined)?.managedFields;
  return Array.isArray(list) ? list as ManagedFieldsEntry[] : [];
}

function findConflicts(
  live: JsonObject | undefined,
  applied: JsonObject,
  appliedSet: FieldSet,
  others: ManagedFieldsEntry[],
): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const path of leafPaths(appliedSet)) {
    const wanted = JSON.stringify(valueAt(applied, path));
    if (JSON.stringify(valueAt(live, path)) === wanted) continue;
    for (const entry of others) {
      if (hasPath(entry.fieldsV1 ?? {}, path)) conflicts.push({ entry, path });
    }
  }
  return conflicts;
}

/** Paths the manager set before and sets no more, that nobody else owns: they are removed. */
function droppedPaths(before: FieldSet, now: FieldSet, others: ManagedFieldsEntry[]): string[][] {
  const ownedElsewhere = (path: string[]) => others.some((e) => hasPath(e.fieldsV1 ?? {}, path));
  const dropped: string[][] = [];
  const visit = (set: FieldSet, prefix: string[]) => {
    for (const [segment, child] of Object.entries(set)) {
      if (segment === ".") continue;
      const path = [...prefix, segment];
      // A field or list item that is gone from the configuration goes from the object; a struct
      // or map that is gone loses only what this manager owned in it (defaults stay).
      const whole = !segment.startsWith("f:") || Object.keys(child).length === 0;
      if (hasPath(now, path) || !whole) visit(child, path);
      else if (!ownedElsewhere(path)) dropped.push(path);
    }
  };
  visit(before, []);
  return dropped;
}

function conflictError(conflicts: Conflict[]): ApiError {
  const using = (e: ManagedFieldsEntry) => `"${e.manager}" using ${e.apiVersion}`;
  const causes: StatusCause[] = conflicts.map((c) => ({
    reason: "FieldManagerConflict",
    message: `conflict with ${using(c.entry)}`,
    field: pathText(c.path),
  }));
  const count = conflicts.length;
  let message: string;
  if (count === 1) {
    message = `Apply failed with 1 conflict: conflict with ${using(conflicts[0].entry)}: ${
      pathText(conflicts[0].path)
    }`;
  } else {
    const byManager = Map.groupBy(conflicts, (c) => using(c.entry));
    const parts = [...byManager].map(([who, list]) =>
      `conflicts with ${who}:\n${list.map((c) => `- ${pathText(c.path)}`).join("\n")}`
    );
    message = `Apply failed with ${count} conflicts: ${parts.join("\n")}`;
  }
  return new ApiError("Conflict", 409, message, { causes });
}
