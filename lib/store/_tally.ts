/**
 * tally(): how many objects of a kind share each combination of values at a few dotted paths,
 * for caches that need some facts of every object and not the objects. Stores that keep whole
 * objects count a list of the kind; the SQLite store counts with SQL (from an index that covers
 * the fields, for pods).
 *
 * @module
 */
import { BadRequestError } from "../api/errors.ts";
import type { AnyObject, Kind } from "../api/types.ts";
import type { ListResult, TallyGroup, TallyResult } from "./store.ts";

const SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*|0|[1-9][0-9]*)$/;

/**
 * The segments of a dotted path of field names and array indexes (`spec.containers.0.name`);
 * BadRequest for anything else.
 */
export function pathSegments(path: string): string[] {
  const segments = path.split(".");
  if (!segments.every((s) => SEGMENT.test(s))) {
    throw new BadRequestError(`"${path}" is not a path of field names and array indexes`);
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

/** tally() of a store that keeps whole objects: a list of the kind, counted. */
export async function tallyList(
  list: (kind: Kind) => Promise<ListResult>,
  kind: Kind,
  paths: readonly string[],
): Promise<TallyResult> {
  const segments = paths.map(pathSegments);
  const { items, resourceVersion } = await list(kind);
  const groups = new Map<string, TallyGroup>();
  for (const item of items as AnyObject[]) {
    const values = segments.map((s) => valueAt(item, s));
    const key = JSON.stringify(values);
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { values, count: 1 });
  }
  return { groups: [...groups.values()], resourceVersion };
}
