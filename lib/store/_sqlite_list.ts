/**
 * The SQLite store's list: one page in key order, read from the (kind, namespace, name) index
 * from the `after` key on, parsing rows only until the page is full.
 *
 * @module
 */
import type { StatementSync } from "node:sqlite";
import { kindInfo } from "../api/kinds.ts";
import type { AnyObject } from "../api/types.ts";
import { parseFieldSelector } from "../api/field_selector.ts";
import { compileFilter } from "./_filter.ts";
import { byNamespaceAndName } from "./_object.ts";
import type { PodFactsQueries } from "./_sqlite_pod_facts.ts";
import { hasSelector, type KeyParts, keyParts, objectParts, pageLimit } from "./_list_page.ts";
import { readCounters, type Statements } from "./_sqlite_statements.ts";
import type { ListOptions, ListResult } from "./store.ts";

/**
 * The page of a kind that the options select, read on the caller's snapshot. It stops at the
 * first match past `limit` (that tells `more`), and counts the rest without parsing them when no
 * selector filters them.
 */
export function readList(
  statements: Statements,
  kind: string,
  options: ListOptions,
): ListResult<AnyObject> {
  const filter = compileFilter(kind, options);
  // The namespace narrows the index scan; the filter still checks everything.
  const namespace = kindInfo(kind)?.namespaced ? options.namespace : undefined;
  const after = options.after === undefined ? undefined : keyParts(kind, options.after);
  const { revision } = readCounters(statements);
  const limit = pageLimit(options);
  const items: AnyObject[] = [];
  let more = false;
  for (const row of scan(statements, kind, namespace, after)) {
    const object = JSON.parse((row as unknown as [string])[0]);
    if (!filter(object)) continue;
    if (items.length === limit) {
      more = true;
      break;
    }
    items.push(object);
  }
  const result: ListResult<AnyObject> = { items, resourceVersion: String(revision) };
  if (!more) return result;
  result.more = true;
  if (!hasSelector(options)) {
    const last = objectParts(items[items.length - 1]);
    const counted = namespace === undefined
      ? statements.countKindAfter.get(kind, ...last)
      : statements.countNamespaceAfter.get(kind, namespace, last[1]);
    result.remainingItemCount = Number(counted?.n ?? 0);
  }
  return result;
}

function scan(
  statements: Statements,
  kind: string,
  namespace: string | undefined,
  after: KeyParts | undefined,
): Iterable<unknown> {
  const iterate = (statement: StatementSync, ...params: string[]) =>
    statement.iterate(...params) as Iterable<unknown>;
  if (namespace === undefined) {
    return after
      ? iterate(statements.listKindAfter, kind, ...after)
      : iterate(statements.listKind, kind);
  }
  if (!after || after[0] < namespace) return iterate(statements.listNamespace, kind, namespace);
  if (after[0] > namespace) return [];
  return iterate(statements.listNamespaceAfter, kind, namespace, after[1]);
}

/**
 * The node whose pods a whole (unpaged) list of pods asks for with `spec.nodeName=<node>`, if it
 * does: such a list seeks the pod facts index instead of reading every pod.
 */
export function boundNode(kind: string, options: ListOptions): string | undefined {
  if (kind !== "Pod" || options.limit || options.after !== undefined) return undefined;
  if (!options.fieldSelector) return undefined;
  return parseFieldSelector(kind, options.fieldSelector)
    .find((r) => r.field === "spec.nodeName" && r.operator === "=")?.value;
}

/** The pods bound to `node` that the options select, in key order, read on the caller's snapshot. */
export function readPodsOnNode(
  statements: Statements,
  facts: PodFactsQueries,
  node: string,
  options: ListOptions,
): ListResult<AnyObject> {
  const filter = compileFilter("Pod", options);
  const { revision } = readCounters(statements);
  const items = facts.podsOnNode(node).map((text) => JSON.parse(text) as AnyObject)
    .filter(filter).sort(byNamespaceAndName);
  return { items, resourceVersion: String(revision) };
}
