import { kindInfo } from "../api/kinds.ts";
import type { AnyObject, Kind } from "../api/types.ts";
import {
  alreadyExists,
  checkPrecondition,
  namespaceOf,
  notFound,
  objectKey,
  prepareCreate,
  prepareDeleted,
  prepareUpdate,
} from "./_object.ts";
import type { Statements } from "./_sqlite_statements.ts";
import type { BatchOperation, DeleteOptions } from "./store.ts";

/** The state of one write transaction. */
export interface WriteContext {
  /** The connection's statements. */
  statements: Statements;
  /** The time of the transaction, for creationTimestamp. */
  now: number;
  /** The last revision taken; each write takes the next one. */
  revision: number;
}

/** Where an object lives: its registry key and the columns of the current table. */
export interface Address {
  /** The registry key, e.g. `/registry/pods/default/web`. */
  key: string;
  /** The kind. */
  kind: string;
  /** The namespace, "" for cluster-scoped kinds. */
  namespace: string;
  /** The name. */
  name: string;
}

/** The address of an object; throws for a kind kclone does not serve. */
export function addressOf(kind: string, namespace: string | undefined, name: string): Address {
  const key = objectKey(kind as Kind, namespace, name);
  return { key, kind, namespace: kindInfo(kind)?.namespaced ? namespace ?? "" : "", name };
}

function readCurrent(
  ctx: WriteContext,
  at: Address,
): { revision: number; value: string } | undefined {
  const row = ctx.statements.getCurrent.get(at.kind, at.namespace, at.name);
  return row ? { revision: Number(row.revision), value: String(row.value) } : undefined;
}

function appendLog(ctx: WriteContext, at: Address, flags: [number, number, number], value: string) {
  ctx.statements.insertLog.run(
    ctx.revision,
    at.key,
    at.kind,
    at.namespace,
    at.name,
    ...flags,
    value,
  );
}

/** Creates an object at the next revision; AlreadyExists on a taken name. */
export function createObject<T extends AnyObject>(ctx: WriteContext, object: T): T {
  const at = addressOf(object.kind, namespaceOf(object), object.metadata.name ?? "");
  if (readCurrent(ctx, at)) throw alreadyExists(object);
  const value = JSON.stringify(prepareCreate(object, ctx.revision + 1, ctx.now));
  ctx.revision += 1;
  appendLog(ctx, at, [1, 0, 0], value);
  ctx.statements.insertCurrent.run(at.kind, at.namespace, at.name, ctx.revision, value);
  return JSON.parse(value);
}

/** Replaces an object at the next revision; NotFound, or Conflict on a stale resourceVersion. */
export function updateObject<T extends AnyObject>(ctx: WriteContext, object: T): T {
  const at = addressOf(object.kind, namespaceOf(object), object.metadata.name ?? "");
  const current = readCurrent(ctx, at);
  if (!current) throw notFound(object.kind, at.name);
  const value = JSON.stringify(prepareUpdate(JSON.parse(current.value), object, ctx.revision + 1));
  ctx.revision += 1;
  appendLog(ctx, at, [0, 0, current.revision], value);
  ctx.statements.updateCurrent.run(ctx.revision, value, at.kind, at.namespace, at.name);
  return JSON.parse(value);
}

/** Deletes an object at the next revision and returns its last state; NotFound when absent. */
export function deleteObject(
  ctx: WriteContext,
  kind: Kind,
  namespace: string | undefined,
  name: string,
  options: DeleteOptions = {},
): AnyObject {
  const at = addressOf(kind, namespace, name);
  const current = readCurrent(ctx, at);
  if (!current) throw notFound(kind, name);
  const last = JSON.parse(current.value) as AnyObject;
  checkPrecondition(last, options.resourceVersion);
  ctx.revision += 1;
  appendLog(ctx, at, [0, 1, current.revision], JSON.stringify(prepareDeleted(last, ctx.revision)));
  ctx.statements.deleteCurrent.run(at.kind, at.namespace, at.name);
  return last;
}

/** Applies one operation of a batch. */
export function applyOperation(ctx: WriteContext, operation: BatchOperation): AnyObject {
  switch (operation.op) {
    case "create":
      return createObject(ctx, operation.object);
    case "update":
      return updateObject(ctx, operation.object);
    case "delete":
      return deleteObject(ctx, operation.kind, operation.namespace, operation.name, {
        resourceVersion: operation.resourceVersion,
      });
  }
}
