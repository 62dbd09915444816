/**
 * Reads: one key, a revision, or every key under a prefix in pages at one revision.
 *
 * @module
 */
import { GoneError } from "../../api/errors.ts";
import {
  COMPACTED_CODE,
  type EtcdClient,
  EtcdRequestError,
  type ResponseHeader,
} from "./_client.ts";
import { type EtcdKeyValue, fromBase64, int64, toBase64 } from "./_codec.ts";
import { prefixEnd } from "./_keys.ts";

/** A range answer. */
export interface RangeResponse {
  header?: ResponseHeader;
  kvs?: EtcdKeyValue[];
  more?: boolean;
  count?: string;
}

/** Key-value pairs read at one revision. */
export interface RangeResult {
  kvs: EtcdKeyValue[];
  revision: number;
}

const PAGE = 1_000;

/** The pair at `key`, or undefined when absent. */
export async function getKeyValue(
  client: EtcdClient,
  key: string,
): Promise<EtcdKeyValue | undefined> {
  const answer = await client.call<RangeResponse>("/v3/kv/range", { key: toBase64(key) });
  return answer.kvs?.[0];
}

/** The current revision of the whole store (a count-only read). */
export async function currentRevision(client: EtcdClient): Promise<number> {
  const answer = await client.call<RangeResponse>("/v3/kv/range", {
    key: toBase64("/registry/"),
    count_only: true,
  });
  return int64(answer.header?.revision);
}

/** Every pair under `prefix`, in key order, all read at the revision of the first page. */
export function rangePrefix(client: EtcdClient, prefix: string): Promise<RangeResult> {
  return retryCompacted(() => readPages(client, prefix, false));
}

/** Every key under `prefix` (no values), in key order, all read at one revision. */
export async function rangeKeys(
  client: EtcdClient,
  prefix: string,
): Promise<{ keys: string[]; revision: number }> {
  const { kvs, revision } = await readPages(client, prefix, true);
  return { keys: kvs.map((kv) => fromBase64(kv.key)), revision };
}

/** Options of rangeFrom(). */
export interface RangeFromOptions {
  /** The most pairs to read (default 1,000). */
  limit?: number;
  /** The revision to read at; the current one when absent. */
  revision?: number;
}

/** The pairs from key `from` (included) up to `end` (excluded), and whether more follow. */
export async function rangeFrom(
  client: EtcdClient,
  from: string,
  end: string,
  options: RangeFromOptions = {},
): Promise<RangeResult & { more: boolean }> {
  const { limit = PAGE, revision = 0 } = options;
  const answer = await client.call<RangeResponse>("/v3/kv/range", {
    key: toBase64(from),
    range_end: toBase64(end),
    limit: String(limit),
    ...(revision ? { revision: String(revision) } : {}),
  });
  const kvs = answer.kvs ?? [];
  return { kvs, revision: revision || int64(answer.header?.revision), more: !!answer.more };
}

/** How many keys lie from `from` (included) up to `end` (excluded) at `revision`. */
export async function countRange(
  client: EtcdClient,
  from: string,
  end: string,
  revision: number,
): Promise<number> {
  const answer = await client.call<RangeResponse>("/v3/kv/range", {
    key: toBase64(from),
    range_end: toBase64(end),
    count_only: true,
    revision: String(revision),
  });
  return int64(answer.count);
}

/**
 * Runs a read made of several ranges at one revision; when that revision was compacted between
 * two of them, reads again from the top (once), else Gone.
 */
export async function retryCompacted<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 0;; attempt++) {
    try {
      return await read();
    } catch (error) {
      const compacted = error instanceof EtcdRequestError && error.grpcCode === COMPACTED_CODE;
      if (!compacted || attempt > 0) throw compacted ? new GoneError(error.message) : error;
    }
  }
}

async function readPages(
  client: EtcdClient,
  prefix: string,
  keysOnly: boolean,
): Promise<RangeResult> {
  const kvs: EtcdKeyValue[] = [];
  const end = toBase64(prefixEnd(prefix));
  let from = toBase64(prefix);
  let revision = 0;
  for (;;) {
    const answer = await client.call<RangeResponse>("/v3/kv/range", {
      key: from,
      range_end: end,
      limit: String(PAGE),
      ...(keysOnly ? { keys_only: true } : {}),
      ...(revision ? { revision: String(revision) } : {}),
    });
    revision ||= int64(answer.header?.revision);
    const page = answer.kvs ?? [];
    kvs.push(...page);
    if (!answer.more || page.length === 0) return { kvs, revision };
    // The next page starts right after the last key: the key with a zero byte appended.
    from = toBase64(fromBase64(page[page.length - 1].key) + "\0");
  }
}
