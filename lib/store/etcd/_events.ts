/**
 * etcd events as the store reports them: a put that created the key is ADDED (create_revision
 * equals mod_revision), another put MODIFIED (with the state before it, prev_kv, when asked), a
 * delete DELETED with the last state (prev_kv) stamped with the deletion's revision.
 *
 * @module
 */
import type { AnyObject } from "../../api/types.ts";
import type { ObjectFilter } from "../_filter.ts";
import { prepareDeleted } from "../_object.ts";
import { selectionEvent } from "../_selection.ts";
import type { Change, WatchEvent } from "../store.ts";
import { decodeObject, fromBase64, int64 } from "./_codec.ts";
import type { EtcdEvent } from "./_watch_stream.ts";

/**
 * The change an etcd event records, or undefined for a delete whose last state is unknown; with
 * `previous`, a modification carries the state before it (prev_kv).
 */
export function changeOf(event: EtcdEvent, previous = false): Change | undefined {
  const revision = int64(event.kv.mod_revision);
  if (event.type === "DELETE") {
    if (!event.prev_kv) return undefined;
    return {
      revision,
      type: "DELETED",
      object: prepareDeleted(decodeObject(event.prev_kv), revision),
    };
  }
  if (int64(event.kv.create_revision) === revision) {
    return { revision, type: "ADDED", object: decodeObject(event.kv) };
  }
  const change: Change = { revision, type: "MODIFIED", object: decodeObject(event.kv) };
  if (previous && event.prev_kv) change.previous = decodeObject(event.prev_kv);
  return change;
}

/** The event a filtered watch sees for an etcd event, or undefined when outside its selection. */
export function watchEventOf(event: EtcdEvent, filter: ObjectFilter): WatchEvent | undefined {
  const change = changeOf(event);
  if (!change) return undefined;
  const before = (): AnyObject | undefined =>
    event.prev_kv ? decodeObject(event.prev_kv) : undefined;
  return selectionEvent(change.type, change.object, filter, before, change.revision);
}

/** The key of an event, as text. */
export function eventKey(event: EtcdEvent): string {
  return fromBase64(event.kv.key);
}
