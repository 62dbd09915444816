/**
 * Pages of a list in the key order that store.ts describes: (namespace, name), each compared as
 * strings. Shared by the stores, so that `limit` and `after` mean the same in all of them.
 *
 * @module
 */
import { kindInfo } from "../api/kinds.ts";
import type { AnyObject } from "../api/types.ts";
import type { ListOptions } from "./store.ts";

/** A position in the key order: namespace ("" for cluster-scoped kinds) and name. */
export type KeyParts = readonly [namespace: string, name: string];

/** The position an `after` key stands for; a namespaced key without "/" is its namespace's start. */
export function keyParts(kind: string, key: string): KeyParts {
  if (!kindInfo(kind)?.namespaced) return ["", key];
  const slash = key.indexOf("/");
  return slash < 0 ? [key, ""] : [key.slice(0, slash), key.slice(slash + 1)];
}

/** The position of an object. */
export function objectParts(object: AnyObject): KeyParts {
  return [object.metadata.namespace ?? "", object.metadata.name ?? ""];
}

/** True when `a` sorts strictly after `b`. */
export function sortsAfter(a: KeyParts, b: KeyParts): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
}

/** True when a label or field selector narrows the list (then no remainingItemCount). */
export function hasSelector(options: ListOptions): boolean {
  const { labelSelector, fieldSelector } = options;
  const labels = typeof labelSelector === "string"
    ? labelSelector !== ""
    : labelSelector !== undefined &&
      (Object.keys(labelSelector.matchLabels ?? {}).length > 0 ||
        (labelSelector.matchExpressions ?? []).length > 0);
  return labels || (fieldSelector ?? "") !== "";
}

/** The most items a page holds: `limit` when positive, else no bound. */
export function pageLimit(options: ListOptions): number {
  return options.limit !== undefined && options.limit > 0 ? options.limit : Infinity;
}

/** The page part of a list answer. */
export interface PageInfo<T> {
  items: T[];
  more?: boolean;
  remainingItemCount?: number;
}

/**
 * The page of `matching` (the objects that pass the filters, in key order) that `limit` and
 * `after` select, with `more` and `remainingItemCount` by arithmetic.
 */
export function pageOf<T extends AnyObject>(
  kind: string,
  matching: readonly T[],
  options: ListOptions,
): PageInfo<T> {
  let start = 0;
  if (options.after !== undefined) {
    const after = keyParts(kind, options.after);
    while (start < matching.length && !sortsAfter(objectParts(matching[start]), after)) start++;
  }
  const limit = pageLimit(options);
  const rest = matching.length - start;
  if (rest <= limit) return { items: matching.slice(start) };
  return {
    items: matching.slice(start, start + limit),
    more: true,
    ...(hasSelector(options) ? {} : { remainingItemCount: rest - limit }),
  };
}
