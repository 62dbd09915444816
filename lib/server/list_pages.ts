/**
 * List paging as kube-apiserver does it (`limit` and `continue`): items in key order, at most
 * `limit` of them, and a continue token to resume after the last one.
 *
 * @module
 */
import { BadRequestError } from "../api/errors.ts";
import type { AnyObject } from "../api/types.ts";

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

/** The decoded form of a continue token, with kube-apiserver's JSON field names. */
interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

const INVALID = "continue key is not valid";

/**
 * The page of `listed` that a request's `limit` and `continue` select. Later pages are read from
 * the current state, not from the token's resourceVersion (kclone keeps no old revisions): this
 * is kube-apiserver's inconsistent continuation after a compaction. The page still reports the
 * token's resourceVersion; clients such as kubectl only need the keys to resume.
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
  const limit = parseLimit(options.limit);
  const token = options.continue ? decodeContinue(options.continue) : undefined;
  if (token && options.resourceVersion && options.resourceVersion !== "0") {
    throw new BadRequestError("specifying resource version is not allowed when using continue");
  }
  if (limit === 0 && !token) {
    return { items: [...listed.items], resourceVersion: listed.resourceVersion };
  }
  const keyOf = (item: T) => objectKey(item, options.scoped ?? false);
  const ordered = sortedByKey(listed.items, keyOf);
  // Kubernetes' start key is the last key plus "\x00": the first key at or after it comes next.
  const rest = token ? ordered.filter((item) => keyOf(item) >= token.start) : ordered;
  // A token whose resourceVersion is negative (Kubernetes' inconsistent one) reads at "now".
  const resourceVersion = token && token.rv > 0 ? String(token.rv) : listed.resourceVersion;
  if (limit === 0 || rest.length <= limit) return { items: rest, resourceVersion };
  const items = rest.slice(0, limit);
  const next = encodeContinue(keyOf(items[items.length - 1]) + "\x00", Number(resourceVersion));
  return {
    items,
    resourceVersion,
    continue: next,
    ...(options.selected ? {} : { remainingItemCount: rest.length - limit }),
  };
}

/**
 * A key that sorts as (namespace, name): "\x01" stands for the "/" of kube-apiserver's key, so a
 * namespace sorts before its longer namesakes (`a` before `a-b`), as the store lists them.
 */
function objectKey(object: AnyObject, scoped: boolean): string {
  const name = object.metadata.name ?? "";
  return scoped ? name : `${object.metadata.namespace ?? ""}\x01${name}`;
}

function sortedByKey<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const keys = items.map(keyOf);
  if (keys.every((key, i) => i === 0 || keys[i - 1] <= key)) return [...items];
  const order = keys.map((_, i) => i).sort((a, b) => keys[a] < keys[b] ? -1 : 1);
  return order.map((i) => items[i]);
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

/** The token: unpadded base64url of `{"v":"meta.k8s.io/v1","rv":N,"start":KEY}`. */
function encodeContinue(start: string, resourceVersion: number): string {
  const json = JSON.stringify({ v: "meta.k8s.io/v1", rv: resourceVersion, start: toSlash(start) });
  const binary = Array.from(new TextEncoder().encode(json), (b) => String.fromCharCode(b)).join("");
  return btoa(binary).replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_");
}

/** A token back to its start key, with DecodeContinue's errors as BadRequest. */
function decodeContinue(value: string): ContinueToken {
  const invalid = (detail?: string) =>
    new BadRequestError(`invalid continue token: ${INVALID}${detail ? `: ${detail}` : ""}`);
  const bad = value.search(/[^A-Za-z0-9_-]/);
  if (bad >= 0 || value.length % 4 === 1) {
    throw invalid(`illegal base64 data at input byte ${bad >= 0 ? bad : value.length - 1}`);
  }
  const binary = atob(value.replaceAll("-", "+").replaceAll("_", "/"));
  const text = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid(jsonError(text));
  }
  const token = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  const { v = "", rv = 0, start = "" } = token;
  if (typeof v !== "string" || typeof start !== "string" || !Number.isInteger(rv)) {
    throw invalid();
  }
  if (v !== "meta.k8s.io/v1") {
    throw new BadRequestError(
      `invalid continue token: ${INVALID}: server does not recognize this encoded version ${v}`,
    );
  }
  if (rv === 0) {
    throw new BadRequestError(
      `invalid continue token: ${INVALID}: incorrect encoded start resourceVersion (version meta.k8s.io/v1)`,
    );
  }
  if (start === "") {
    throw new BadRequestError(
      `invalid continue token: ${INVALID}: encoded start key empty (version meta.k8s.io/v1)`,
    );
  }
  // As path.Clean: no way above the list's own keys ("..", "//", "./").
  const path = start.startsWith("/") ? start : `/${start}`;
  if (/\/\.{0,2}(\/|$)/.test(path) && path !== "/") throw invalid(start);
  return { v, rv: rv as number, start: fromSlash(path.slice(1)) };
}

/** Go's encoding/json wording for the commonest syntax errors; none for the rest. */
function jsonError(text: string): string | undefined {
  const first = text.trimStart()[0];
  if (first === undefined) return "unexpected end of JSON input";
  if (!/[{["\-\dtfn]/.test(first) && first >= " " && first <= "~") {
    return `invalid character '${first}' looking for beginning of value`;
  }
  return undefined;
}

function toSlash(key: string): string {
  return key.replace("\x01", "/");
}

function fromSlash(key: string): string {
  return key.replace("/", "\x01");
}
