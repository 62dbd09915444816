/**
 * A page of a list as query parameters: `limit`, and for `after` a continue token in
 * kube-apiserver's format whose start key is the `after` key plus "\x00" (relative to the
 * namespace when the request names one). The token's resourceVersion is -1: "read the current
 * state", so the server reports the revision it read at.
 *
 * @module
 */
import { kindInfo } from "../../api/kinds.ts";
import { keyParts } from "../_list_page.ts";
import type { AnyObject } from "../../api/types.ts";
import type { ListOptions, ListResult } from "../store.ts";

/** The body of a list answer, as far as a store reads it. */
export interface ListBody {
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items?: AnyObject[];
}

/** The ListResult of a list answer: `more` when the server sent a continue token. */
export function pageResult(
  body: ListBody,
  typed: (item: AnyObject) => AnyObject,
): ListResult<AnyObject> {
  const { resourceVersion = "", continue: token, remainingItemCount } = body.metadata ?? {};
  return {
    items: (body.items ?? []).map(typed),
    resourceVersion,
    ...(token ? { more: true } : {}),
    ...(remainingItemCount !== undefined ? { remainingItemCount } : {}),
  };
}

/**
 * The page parameters of a list; undefined when `after` lies past the namespace listed (the
 * page is empty).
 */
export function pageParameters(
  kind: string,
  options: ListOptions,
): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  if (options.limit !== undefined && options.limit > 0) parameters.limit = String(options.limit);
  if (options.after === undefined) return parameters;
  const namespace = kindInfo(kind)?.namespaced ? options.namespace : undefined;
  let start = options.after;
  if (namespace !== undefined) {
    const [afterNamespace, name] = keyParts(kind, options.after);
    if (afterNamespace > namespace) return undefined;
    if (afterNamespace < namespace || name === "") return parameters;
    start = name;
  }
  parameters.continue = continueToken(`${start}\0`);
  return parameters;
}

function continueToken(start: string): string {
  const json = JSON.stringify({ v: "meta.k8s.io/v1", rv: -1, start });
  const binary = Array.from(new TextEncoder().encode(json), (b) => String.fromCharCode(b)).join("");
  return btoa(binary).replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_");
}
