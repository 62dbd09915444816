/**
 * Planning a batch as one etcd transaction: the operations are checked in order against the
 * state read before (the first that fails throws its error, and nothing is written), and the
 * transaction compares the mod_revision of every key it read, so that it only applies to the
 * state the plan was made from. Several operations on one key collapse into the last one, as
 * etcd refuses a transaction that writes a key twice.
 *
 * @module
 */
import type { AnyObject, Kind } from "../../api/types.ts";
import {
  alreadyExists,
  checkPrecondition,
  namespaceOf,
  notFound,
  prepareCreate,
  prepareUpdate,
} from "../_object.ts";
import type { BatchOperation } from "../store.ts";
import { decodeObject, type EtcdKeyValue, int64, toBase64, withVersion } from "./_codec.ts";
import { registryKey } from "./_keys.ts";

/** One request of an etcd transaction, as the gateway takes it. */
export type TxnRequest =
  | { request_put: { key: string; value: string } }
  | { request_delete_range: { key: string } };

/** A comparison of an etcd transaction. */
export interface TxnCompare {
  key: string;
  target: "MOD" | "CREATE";
  result: "EQUAL";
  mod_revision?: string;
  create_revision?: string;
}

/** A planned batch: the transaction, and the results once it has committed at `revision`. */
export interface BatchPlan {
  compare: TxnCompare[];
  success: TxnRequest[];
  results(revision: number): AnyObject[];
}

/** The registry key an operation writes. */
export function operationKey(operation: BatchOperation): string {
  if (operation.op === "delete") {
    return registryKey(operation.kind, operation.namespace, operation.name);
  }
  const { object } = operation;
  return registryKey(object.kind as Kind, namespaceOf(object), object.metadata.name ?? "");
}

/**
 * Plans `operations` over `read` (each key's pair, or undefined when absent) at time `now`.
 * Throws the first operation's error: AlreadyExists, NotFound, Conflict.
 */
export function planBatch(
  operations: BatchOperation[],
  read: Map<string, EtcdKeyValue | undefined>,
  now: number,
): BatchPlan {
  const state = new Map<string, AnyObject | undefined>();
  const current = (key: string) =>
    state.has(key) ? state.get(key) : read.get(key) && decodeObject(read.get(key)!);
  const writes = new Map<string, string | undefined>();
  const results: { object: AnyObject; written: boolean }[] = [];
  const written = new Set<AnyObject>();
  for (const operation of operations) {
    const key = operationKey(operation);
    const before = current(key);
    if (operation.op === "delete") {
      if (!before) throw notFound(operation.kind, operation.name);
      checkPrecondition(before, operation.resourceVersion);
      state.set(key, undefined);
      writes.set(key, undefined);
      results.push({ object: before, written: written.has(before) });
      continue;
    }
    const { object } = operation;
    let next: AnyObject;
    if (operation.op === "create") {
      if (before) throw alreadyExists(object);
      next = prepareCreate(object, 0, now);
    } else {
      if (!before) throw notFound(object.kind, object.metadata.name ?? "");
      next = prepareUpdate(before, object, 0);
    }
    const { resourceVersion: _, ...metadata } = next.metadata;
    const json = JSON.stringify({ ...next, metadata });
    const stored = JSON.parse(json) as AnyObject;
    state.set(key, stored);
    written.add(stored);
    writes.set(key, json);
    results.push({ object: stored, written: true });
  }
  return {
    compare: [...read].map(([key, kv]) => ({
      key: toBase64(key),
      target: "MOD",
      result: "EQUAL",
      mod_revision: String(int64(kv?.mod_revision)),
    })),
    success: [...writes].map(([key, json]) =>
      json === undefined
        ? { request_delete_range: { key: toBase64(key) } }
        : { request_put: { key: toBase64(key), value: toBase64(json) } }
    ),
    results: (revision) =>
      results.map(({ object, written }) => written ? withVersion(object, revision) : object),
  };
}
