/**
 * The informer cache's reading of the change log: collecting changes, and what each change
 * tells the listeners. Pure decisions; the cache does the reads and keeps the objects.
 * Private to lib/controllers.
 *
 * @module
 */
import type { AnyObject } from "../api/types.ts";
import type { Change, Store } from "../store/store.ts";
import type { CacheEvent } from "./cluster_cache.ts";

/** The revision an object was written at. */
export const revisionOf = (object: AnyObject): number => Number(object.metadata.resourceVersion);

/**
 * The changes after `revision` (with the state before each modification) of the kinds `keep`
 * takes, until caught up with the store; Gone when the log no longer reaches back that far.
 */
export async function collectChanges(
  store: Store,
  revision: number,
  keep: (kind: string) => boolean,
): Promise<{ changes: Change[]; revision: number }> {
  const changes: Change[] = [];
  for (;;) {
    const page = await store.changes(revision, { previous: true });
    changes.push(...page.changes.filter((c) => keep(c.object.kind)));
    revision = page.revision;
    if (page.changes.length === 0 || revision >= await store.revision()) {
      return { changes, revision };
    }
  }
}

/**
 * What applying a change tells, given the state the cache holds of its object: nothing when
 * that state is as new or newer, or when a deleted object was never held. `unread` says the
 * object may be a pod the cache never read: its change is told as it comes, with the state
 * before it from the change itself.
 */
export function appliedEvent(
  change: Change,
  held: AnyObject | undefined,
  unread: boolean,
): CacheEvent | undefined {
  const { object } = change;
  if (held && revisionOf(held) >= change.revision) return undefined;
  if (change.type === "DELETED") return held || unread ? { type: "DELETED", object } : undefined;
  if (held) return { type: "MODIFIED", object, old: held };
  return unread && change.type === "MODIFIED"
    ? { type: "MODIFIED", object, old: change.previous }
    : { type: "ADDED", object };
}

/** What a change replayed after resuming tells: the change as it happened. */
export function replayedEvent(change: Change): CacheEvent {
  const { object } = change;
  if (change.type === "MODIFIED") return { type: "MODIFIED", object, old: change.previous };
  return { type: change.type, object };
}
