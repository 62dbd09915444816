/**
 * project(): the values at a few dotted paths of many objects, for caches that need some facts of
 * every object and not the objects. Stores that keep whole objects pick the values out of a list;
 * the SQLite store reads them with SQL (from an index that covers them, for pods).
 *
 * @module
 */
import { BadRequestError } from "../api/errors.ts";
import type { AnyObject, Kind } from "../api/types.ts";
import type { ListResult, ProjectResult } from "./store.ts";

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The segments of a dotted path (`spec.nodeName`); BadRequest unless each is a plain field name. */
export function pathSegments(path: string): string[] {
  const segments = path.split(".");
  if (!segments.every((s) => FIELD.test(s))) {
    throw new BadRequestError(`"${path}" is not a path of plain field names`);
  }
  return segments;
}

/** The value at a dotted path of an object, or undefined when a step is missing. */
export function valueAt(object: unknown, segments: readonly string[]): unknown {
  let value = object;
  for (const segment of segments) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** project() of a store that keeps whole objects: the values picked out of a list of the kind. */
export async function projectList(
  list: (kind: Kind) => Promise<ListResult>,
  kind: Kind,
  paths: readonly string[],
): Promise<ProjectResult> {
  const segments = paths.map(pathSegments);
  const { items, resourceVersion } = await list(kind);
  return {
    rows: items.map((item: AnyObject) => segments.map((s) => valueAt(item, s))),
    resourceVersion,
  };
}
