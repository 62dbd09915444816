/**
 * changes(): a page of the change log of every kind, read with a short etcd watch over the
 * whole key space from the revision after `since` until `current` (every revision has at least
 * one event somewhere in the key space, so the watch always gets there). The store's ChangeFeed
 * serves recent revisions; this serves older ones.
 * A page ends on a revision boundary: a transaction's changes are never split between pages.
 *
 * @module
 */
import type { Change, ChangePage } from "../store.ts";
import type { PageOptions } from "./_change_feed.ts";
import type { EtcdClient } from "./_client.ts";
import { int64 } from "./_codec.ts";
import { changeOf, eventKey } from "./_events.ts";
import { REGISTRY } from "./_keys.ts";
import { etcdWatch } from "./_watch_stream.ts";

/**
 * The changes after `since` up to `current`, at most `limit` (more only to finish a revision),
 * with the state before each modification when `previous`; Gone if compacted.
 */
export async function readChanges(
  client: EtcdClient,
  since: number,
  options: PageOptions,
): Promise<ChangePage> {
  const { limit, current } = options;
  const changes: Change[] = [];
  const controller = new AbortController();
  let last = since;
  try {
    const stream = etcdWatch(client, {
      key: "\0",
      rangeEnd: "\0",
      startRevision: since + 1,
      signal: controller.signal,
      resume: false,
    });
    for await (const events of stream) {
      for (const event of events) {
        const revision = int64(event.kv.mod_revision);
        if (revision > current) return { changes, revision: current };
        if (changes.length >= limit && revision > last) return { changes, revision: last };
        last = revision;
        if (!eventKey(event).startsWith(REGISTRY)) continue;
        const change = changeOf(event, options.previous);
        if (change) changes.push(change);
      }
      if (last >= current) return { changes, revision: current };
    }
  } finally {
    controller.abort();
  }
  return { changes, revision: last };
}
