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
import { type EtcdKeyValue, int64, toBase64 } from "./_codec.ts";
import { prefixEnd } from "./_keys.ts";

/** A range answer. */
export interface RangeResponse {
  header?: ResponseHeader;
  kvs?: EtcdKeyValue[];
  more?: boolean;
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
export async function rangePrefix(client: EtcdClient, prefix: string): Promise<RangeResult> {
  for (let attempt = 0;; attempt++) {
    try {
      return await readPages(client, prefix);
    } catch (error) {
      // Compacted between two pages: read again from the top (once).
      const compacted = error instanceof EtcdRequestError && error.grpcCode === COMPACTED_CODE;
      if (!compacted || attempt > 0) throw compacted ? new GoneError(error.message) : error;
    }
  }
}

async function readPages(client: EtcdClient, prefix: string): Promise<RangeResult> {
  const kvs: EtcdKeyValue[] = [];
  const end = toBase64(prefixEnd(prefix));
  let from = toBase64(prefix);
  let revision = 0;
  for (;;) {
    const answer = await client.call<RangeResponse>("/v3/kv/range", {
      key: from,
      range_end: end,
      limit: String(PAGE),
      ...(revision ? { revision: String(revision) } : {}),
    });
    revision ||= int64(answer.header?.revision);
    const page = answer.kvs ?? [];
    kvs.push(...page);
    if (!answer.more || page.length === 0) return { kvs, revision };
    // The next page starts right after the last key: the key with a zero byte appended.
    const last = atob(page[page.length - 1].key);
    from = btoa(last + "\0");
  }
}
