import type { AnyObject } from "../api/types.ts";
import type { ObjectFilter } from "./_filter.ts";
import { prepareDeleted } from "./_object.ts";
import type { WatchEvent } from "./store.ts";

/**
 * The event a filtered watch sees for one change, as Kubernetes reports it: a modification that
 * makes an object match is ADDED, one that makes it stop matching is DELETED (the old state at the
 * change's revision), and a change outside the selection is not seen at all.
 */
export function selectionEvent(
  type: "ADDED" | "MODIFIED" | "DELETED",
  object: AnyObject,
  filter: ObjectFilter,
  before: () => AnyObject | undefined,
  revision: number,
): WatchEvent | undefined {
  const matches = filter(object);
  if (type !== "MODIFIED") return matches ? { type, object } : undefined;
  const previous = before();
  const matched = previous ? filter(previous) : matches;
  if (matches) return { type: matched ? "MODIFIED" : "ADDED", object };
  return matched
    ? { type: "DELETED", object: prepareDeleted(previous ?? object, revision) }
    : undefined;
}
