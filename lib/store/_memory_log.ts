/**
 * The memory store's change log and watchers: entries in revision order, each delivered to the
 * watchers whose kind and selection it concerns.
 *
 * @module
 */
import type { AnyObject } from "../api/types.ts";
import type { ObjectFilter } from "./_filter.ts";
import { selectionEvent } from "./_selection.ts";
import type { WatchChannel } from "./_watch_channel.ts";

/** One write in the log. */
export interface LogEntry {
  revision: number;
  kind: string;
  type: "ADDED" | "MODIFIED" | "DELETED";
  object: AnyObject;
  /** The object before a MODIFIED change, to tell selections entered and left. */
  previous?: AnyObject;
}

/** A watch: its kind, its selection and where its events go. */
export interface Watcher {
  kind: string;
  filter: ObjectFilter;
  channel: WatchChannel;
}

/** Delivers a logged change to a watcher, as its selection sees it. */
export function deliver(watcher: Watcher, entry: LogEntry): void {
  if (entry.kind !== watcher.kind) return;
  const before = () => entry.previous;
  const event = selectionEvent(entry.type, entry.object, watcher.filter, before, entry.revision);
  if (event) watcher.channel.push(event);
}

/** The index of the first log entry above `revision` (the log is in revision order). */
export function firstAfter(log: LogEntry[], revision: number): number {
  let low = 0, high = log.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (log[mid].revision <= revision) low = mid + 1;
    else high = mid;
  }
  return low;
}
