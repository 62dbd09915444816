/**
 * Writes as etcd transactions. A create compares create_revision with 0 (AlreadyExists when the
 * key is taken); updates, deletes and batches read the current state, check it (NotFound,
 * Conflict on a stale resourceVersion or precondition) and commit with a comparison of each
 * key's mod_revision, reading again when another writer got there first, as Kubernetes'
 * GuaranteedUpdate does.
 *
 * @module
 */
import { ApiError, ConflictError } from "../../api/errors.ts";
import type { AnyObject } from "../../api/types.ts";
import { alreadyExists, prepareCreate, resourceOf } from "../_object.ts";
import type { BatchOperation } from "../store.ts";
import { type EtcdClient, EtcdRequestError, type ResponseHeader } from "./_client.ts";
import { encodeObject, type EtcdKeyValue, fromBase64, int64, toBase64 } from "./_codec.ts";
import { operationKey, planBatch, type TxnCompare, type TxnRequest } from "./_batch_plan.ts";
import type { RangeResponse } from "./_range.ts";

/** Attempts before a write that keeps losing races gives up with Conflict. */
const ATTEMPTS = 16;
/** Reads of one transaction (etcd allows 128 operations per transaction by default). */
const READ_CHUNK = 100;

interface TxnResponse {
  header?: ResponseHeader;
  succeeded?: boolean;
  responses?: { response_range?: RangeResponse }[];
}

/** Sends one transaction. */
export function transaction(
  client: EtcdClient,
  compare: TxnCompare[],
  success: (TxnRequest | { request_range: { key: string } })[],
  write: boolean,
): Promise<TxnResponse> {
  return client.call<TxnResponse>("/v3/kv/txn", { compare, success }, { write }).catch((error) => {
    throw tooManyOperations(error, Math.max(compare.length, success.length));
  });
}

/** Creates an object at `key`: one transaction; AlreadyExists when the key is taken. */
export async function createAt<T extends AnyObject>(
  client: EtcdClient,
  key: string,
  object: T,
  now: number,
): Promise<T> {
  const prepared = prepareCreate(object, 0, now);
  const value = encodeObject(prepared);
  const answer = await transaction(
    client,
    [{ key: toBase64(key), target: "CREATE", result: "EQUAL", create_revision: "0" }],
    [{ request_put: { key: toBase64(key), value } }],
    true,
  );
  if (!answer.succeeded) throw alreadyExists(object);
  const created = JSON.parse(fromBase64(value)) as T;
  created.metadata.resourceVersion = String(int64(answer.header?.revision));
  return created;
}

/** Applies operations in one transaction, all or none; the error of the first that fails. */
export async function applyBatch(
  client: EtcdClient,
  operations: BatchOperation[],
  now: () => number,
): Promise<AnyObject[]> {
  const keys = [...new Set(operations.map(operationKey))];
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const read = await readKeys(client, keys);
    const plan = planBatch(operations, read, now());
    if (plan.success.length === 0) return plan.results(client.revision);
    const answer = await transaction(client, plan.compare, plan.success, true);
    if (answer.succeeded) return plan.results(int64(answer.header?.revision));
  }
  const last = operations[operations.length - 1];
  const name = last.op === "delete" ? last.name : last.object.metadata.name ?? "";
  const kind = last.op === "delete" ? last.kind : last.object.kind;
  throw new ConflictError(resourceOf(kind), name);
}

/** The pair of each key (undefined when absent), read in transactions of READ_CHUNK keys. */
async function readKeys(
  client: EtcdClient,
  keys: string[],
): Promise<Map<string, EtcdKeyValue | undefined>> {
  const read = new Map<string, EtcdKeyValue | undefined>();
  for (let start = 0; start < keys.length; start += READ_CHUNK) {
    const chunk = keys.slice(start, start + READ_CHUNK);
    const requests = chunk.map((key) => ({ request_range: { key: toBase64(key) } }));
    const answer = await transaction(client, [], requests, false);
    chunk.forEach((key, i) => read.set(key, answer.responses?.[i]?.response_range?.kvs?.[0]));
  }
  return read;
}

/** etcd's refusal of a big transaction, with what to do about it. */
function tooManyOperations(error: unknown, operations: number): unknown {
  if (!(error instanceof EtcdRequestError) || !/too many operations/.test(error.message)) {
    return error;
  }
  return new ApiError(
    "InternalError",
    500,
    `${error.message}: a transaction of ${operations} operations needs etcd started with --max-txn-ops ${operations} or more`,
  );
}
