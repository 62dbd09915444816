import { BadRequestError } from "../api/errors.ts";
import { kindInfo } from "../api/kinds.ts";
import type { AnyObject } from "../api/types.ts";
import { compileFilter } from "./_filter.ts";
import { selectionEvent } from "./_selection.ts";
import type { FeedEntry, FeedSubscriber } from "./_sqlite_feed.ts";
import type { WatchChannel } from "./_watch_channel.ts";
import type { ListOptions } from "./store.ts";

/**
 * The feed subscriber of one watch: filters changes by the list options and pushes events into
 * the watch's channel. With a label or field selector it reports an object's entering and leaving
 * the selection as Kubernetes does: ADDED when a change makes it match, DELETED (the old state at
 * the change's revision) when a change makes it stop matching. BadRequest on a bad selector.
 */
export function watchSubscriber(
  kind: string,
  after: number,
  options: ListOptions,
  channel: WatchChannel,
): FeedSubscriber {
  const filter = compileFilter(kind, options);
  const namespace = kindInfo(kind)?.namespaced && options.namespace ? options.namespace : undefined;
  const selective = Boolean(options.fieldSelector) ||
    (options.labelSelector !== undefined && options.labelSelector !== "");
  return {
    kind,
    after,
    deliver(entry: FeedEntry): void {
      if (namespace !== undefined && entry.namespace !== namespace) return;
      const object = entry.object();
      const before = () => {
        const json = selective ? entry.previous() : undefined;
        return json === undefined ? undefined : JSON.parse(json) as AnyObject;
      };
      const event = selectionEvent(entry.type, object, filter, before, entry.revision);
      if (event) channel.push(event);
    },
    fail: (error: unknown) => channel.close(error),
    end: () => channel.close(),
  };
}

/** The revision a watch starts after; BadRequest unless it is a non-negative integer. */
export function parseRevision(text: string): number {
  const revision = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(revision)) {
    throw new BadRequestError(`invalid resource version: ${text}`);
  }
  return revision;
}
