/**
 * List paging as kube-apiserver does it (`limit` and `continue`): items in key order, at most
 * `limit` of them, and a continue token to resume after the last one. The store reads the page
 * itself (ListOptions `limit` and `after`), so a page costs what its items cost, not the list.
 *
 * @module
 */
import { BadRequestError } from "../api/errors.ts";
import type { AnyObject, Kind, KindMap } from "../api/types.ts";
import type { ListOptions, ListResult, Store } from "../store/store.ts";
import { decodeContinue, encodeContinue } from "./_continue_token.ts";

/** What a list request asks of paging: the query parameters as sent, and the list's scope. */
export interface ListPageOptions {
  /** The `limit` query parameter; absent, zero or negative means no paging. */
  limit?: string | null;
  /** The `continue` query parameter: a token from an earlier page. */
  continue?: string | null;
  /** The `resourceVersion` query parameter (not allowed beside a continue token). */
  resourceVersion?: string | null;
  /** True when the list is within one namespace or of a cluster-scoped kind: keys are names. */
  scoped?: boolean;
  /**
   * The namespace of a scoped list of a namespaced kind, to turn a token's name back into the
   * store's `namespace/name` key (listPage() takes it from the items when absent).
   */
  namespace?: string;
  /** True when a label or field selector filtered the items: no remainingItemCount then. */
  selected?: boolean;
}

/** One page of a list, with the list metadata to send beside it. */
export interface ListPage<T> {
  /** The page's items, ordered by namespace then name. */
  items: T[];
  /** The list's resourceVersion (the token's on later pages). */
  resourceVersion: string;
  /** The token for the next page, when items remain. */
  continue?: string;
  /** How many items remain after this page (only without selectors, as Kubernetes counts). */
  remainingItemCount?: number;
}

/** What a request asks the store for: `limit` (0: all), the `after` key, the token's version. */
interface PageRequest {
  limit: number;
  after?: string;
  tokenVersion?: number;
}

/**
 * Reads the page a request selects from the store: `limit` items (one more is looked at to tell
 * whether a continue token is due) after the token's key. Later pages are read from the current
 * state, not from the token's resourceVersion (kclone keeps no old revisions): this is
 * kube-apiserver's inconsistent continuation after a compaction. The page still reports the
 * token's resourceVersion; clients such as kubectl only need the keys to resume.
 */
export async function readListPage<K extends Kind>(
  store: Store,
  kind: K,
  filters: ListOptions,
  options: ListPageOptions = {},
): Promise<ListPage<KindMap[K]>> {
  const request = pageRequest({ ...options, namespace: options.namespace ?? filters.namespace });
  const paged = request.limit > 0 || request.after !== undefined;
  const listed = await store.list(
    kind,
    paged ? { ...filters, limit: request.limit, after: request.after } : filters,
  );
  return pageOf(listed, request, options);
}

/**
 * The page of an already read, complete list that a request's `limit` and `continue` select
 * (ordered by namespace then name first), as readListPage() would read it from a store.
 *
 * @example
 * ```ts
 * import { listPage } from "./list_pages.ts";
 * const pod = (name: string) => ({ metadata: { name, namespace: "default" } }) as never;
 * const page = listPage({ items: [pod("a"), pod("b")], resourceVersion: "7" }, { limit: "1" });
 * page.items.length; // 1
 * page.remainingItemCount; // 1
 * ```
 */
export function listPage<T extends AnyObject>(
  listed: { items: readonly T[]; resourceVersion: string },
  options: ListPageOptions = {},
): ListPage<T> {
  const namespace = options.namespace ??
    (options.scoped ? listed.items[0]?.metadata.namespace : undefined);
  const request = pageRequest({ ...options, namespace });
  const parts = (item: T): [string, string] => [
    item.metadata.namespace ?? "",
    item.metadata.name ?? "",
  ];
  const ordered = [...listed.items].sort((a, b) => compareParts(parts(a), parts(b)));
  const after = request.after === undefined
    ? undefined
    : afterParts(request.after, ordered.some((item) => item.metadata.namespace !== undefined));
  const rest = after ? ordered.filter((item) => compareParts(parts(item), after) > 0) : ordered;
  const limit = request.limit > 0 ? request.limit : Infinity;
  const more = rest.length > limit;
  return pageOf(
    {
      items: more ? rest.slice(0, limit) : rest,
      resourceVersion: listed.resourceVersion,
      ...(more ? { more, remainingItemCount: rest.length - limit } : {}),
    },
    request,
    options,
  );
}

/** The page's metadata from the store's answer: the token's version, a continue token when more follow. */
function pageOf<T extends AnyObject>(
  listed: ListResult<T>,
  request: PageRequest,
  options: ListPageOptions,
): ListPage<T> {
  const { items } = listed;
  // A token whose resourceVersion is negative (Kubernetes' inconsistent one) reads at "now".
  const resourceVersion = request.tokenVersion !== undefined && request.tokenVersion > 0
    ? String(request.tokenVersion)
    : listed.resourceVersion;
  if (!listed.more || items.length === 0) return { items, resourceVersion };
  const last = items[items.length - 1].metadata;
  const key = options.scoped ? last.name ?? "" : `${last.namespace ?? ""}/${last.name ?? ""}`;
  const remaining = options.selected ? undefined : listed.remainingItemCount;
  return {
    items,
    resourceVersion,
    continue: encodeContinue(key + "\x00", Number(resourceVersion)),
    ...(remaining === undefined ? {} : { remainingItemCount: remaining }),
  };
}

/** The store's part of a request; BadRequest for a bad limit or token, as kube-apiserver's. */
function pageRequest(options: ListPageOptions): PageRequest {
  const limit = parseLimit(options.limit);
  const token = options.continue ? decodeContinue(options.continue) : undefined;
  if (token && options.resourceVersion && options.resourceVersion !== "0") {
    throw new BadRequestError("specifying resource version is not allowed when using continue");
  }
  if (!token) return { limit };
  const after = afterKey(token.start);
  const scopedNamespace = options.scoped ? options.namespace : undefined;
  return {
    limit,
    after: scopedNamespace === undefined ? after : `${scopedNamespace}/${after}`,
    tokenVersion: token.rv,
  };
}

/**
 * The `after` key of a token's start key, which the next page includes. Kubernetes' start is the
 * last key plus "\x00": the key itself. Any other start (no kube-apiserver writes one) becomes
 * the key just before it: its last character one lower and then "\uffff", which no valid name
 * holds; a start that ends in "/" names a whole namespace, as a key without a name does.
 */
function afterKey(start: string): string {
  if (start.endsWith("\x00")) return start.slice(0, -1);
  if (start === "" || start.endsWith("/")) return start;
  const last = start.charCodeAt(start.length - 1);
  return `${start.slice(0, -1)}${String.fromCharCode(last - 1)}\uffff`;
}

/** The (namespace, name) a store key stands for, as store.ts defines keys. */
function afterParts(key: string, namespaced: boolean): [string, string] {
  const slash = key.indexOf("/");
  if (!namespaced) return ["", key];
  return slash < 0 ? [key, ""] : [key.slice(0, slash), key.slice(slash + 1)];
}

function compareParts(a: [string, string], b: [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/** `limit` as kube-apiserver parses it (Go's strconv.ParseInt): BadRequest when no integer. */
function parseLimit(value: string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  if (!/^[+-]?\d+$/.test(value)) {
    throw new BadRequestError(`strconv.ParseInt: parsing "${value}": invalid syntax`);
  }
  const limit = BigInt(value);
  if (limit > 2n ** 63n - 1n || limit < -(2n ** 63n)) {
    throw new BadRequestError(`strconv.ParseInt: parsing "${value}": value out of range`);
  }
  return limit > 0n ? Number(limit) : 0;
}
