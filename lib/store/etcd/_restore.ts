/**
 * restore() and compact() on etcd.
 *
 * etcd assigns revisions itself, so a restored object keeps its resourceVersion by carrying it
 * in its stored value ("pinned") until it is next written; and "the revision continues above the
 * highest" is reached by writing a bookkeeping key until etcd's revision gets there (one write
 * per revision: etcd has no other way to move its revision forward). The objects are written in
 * transactions of at most 100 puts, so a restore is not atomic for readers of other processes.
 *
 * @module
 */
import type { AnyObject } from "../../api/types.ts";
import { namespaceOf } from "../_object.ts";
import { COMPACTED_CODE, type EtcdClient, EtcdRequestError } from "./_client.ts";
import { encodeObject, encodePinned, toBase64 } from "./_codec.ts";
import { prefixEnd, REGISTRY, registryKey } from "./_keys.ts";
import { currentRevision } from "./_range.ts";
import { transaction } from "./_writes.ts";

/** The key whose writes move etcd's revision forward for a restore. */
export const RESTORE_KEY = "/kclone/restore";
/** The key a compaction records its revision in, as kube-apiserver's compactor does. */
export const COMPACT_KEY = "compact_rev_key";

const PUTS_PER_TXN = 100;
const BYTES_PER_TXN = 1_000_000;
const PARALLEL_BUMPS = 32;

/** Replaces every object under /registry/ with `objects`, keeping their resourceVersions. */
export async function restoreObjects(client: EtcdClient, objects: AnyObject[]): Promise<void> {
  const byKey = new Map<string, AnyObject>();
  for (const object of objects) {
    byKey.set(registryKey(object.kind, namespaceOf(object), object.metadata.name ?? ""), object);
  }
  const taken = new Set<number>();
  let highest = 0;
  const values: [string, string][] = [];
  for (const [key, object] of byKey) {
    const revision = Number(object.metadata.resourceVersion);
    const pinned = Number.isSafeInteger(revision) && revision > 0 && !taken.has(revision);
    if (pinned) taken.add(revision), highest = Math.max(highest, revision);
    values.push([toBase64(key), pinned ? encodePinned(object) : encodeObject(object)]);
  }
  await client.call("/v3/kv/deleterange", {
    key: toBase64(REGISTRY),
    range_end: toBase64(prefixEnd(REGISTRY)),
  }, { write: true });
  await bumpRevision(client, highest);
  for (let start = 0; start < values.length;) {
    const puts = [];
    let bytes = 0;
    while (start < values.length && puts.length < PUTS_PER_TXN && bytes < BYTES_PER_TXN) {
      const [key, value] = values[start++];
      bytes += key.length + value.length;
      puts.push({ request_put: { key, value } });
    }
    await transaction(client, [], puts, true);
  }
  await compactAt(client, await currentRevision(client));
}

/** Writes RESTORE_KEY until etcd's revision is at least `target`. */
async function bumpRevision(client: EtcdClient, target: number): Promise<void> {
  const request = { key: toBase64(RESTORE_KEY), value: toBase64(String(target)) };
  const bump = async () => {
    while (client.revision < target) {
      await client.call("/v3/kv/put", request, { write: true });
    }
  };
  await currentRevision(client);
  await Promise.all(Array.from({ length: PARALLEL_BUMPS }, bump));
}

/**
 * Forgets the history at or below `revision` (at most the current one). etcd keeps the revision
 * it compacts at and drops the deletions made in it, so the compaction goes one revision
 * higher, after recording the revision in COMPACT_KEY (a write, hence a revision to compact at).
 */
export async function compactAt(client: EtcdClient, revision: number): Promise<void> {
  const current = await currentRevision(client);
  const target = Math.min(revision, current);
  await client.call("/v3/kv/put", {
    key: toBase64(COMPACT_KEY),
    value: toBase64(String(target)),
  }, { write: true });
  try {
    await client.call("/v3/kv/compaction", { revision: String(target + 1) }, { write: true });
  } catch (error) {
    // Compacted there already: nothing more to forget.
    if (!(error instanceof EtcdRequestError && error.grpcCode === COMPACTED_CODE)) throw error;
  }
}
