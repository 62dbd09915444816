/**
 * The store's watch: an etcd watch of one kind's prefix (narrowed to a namespace when given),
 * its events filtered by the selectors and pushed into a WatchChannel.
 *
 * @module
 */
import { BadRequestError } from "../../api/errors.ts";
import type { Kind } from "../../api/types.ts";
import { compileFilter } from "../_filter.ts";
import { WatchChannel } from "../_watch_channel.ts";
import type { WatchOptions } from "../store.ts";
import type { EtcdClient } from "./_client.ts";
import { watchEventOf } from "./_events.ts";
import { prefixEnd, registryPrefix } from "./_keys.ts";
import { etcdWatch } from "./_watch_stream.ts";

/** A running watch: its channel, and its pump, which settles once the watch has ended. */
export interface RunningWatch {
  channel: WatchChannel;
  done: Promise<void>;
}

/**
 * Starts a watch of `kind` after options.resourceVersion; without one, after the highest
 * revision this client has seen (every write it has been told of is before the watch).
 */
export function startWatch(
  client: EtcdClient,
  kind: Kind,
  options: WatchOptions,
  onEnd: () => void,
): RunningWatch {
  const controller = new AbortController();
  const channel = new WatchChannel(() => controller.abort(), options.signal);
  let done = Promise.resolve();
  try {
    const filter = compileFilter(kind, options);
    const after = options.resourceVersion
      ? parseRevision(options.resourceVersion)
      : client.revision;
    const prefix = registryPrefix(kind, options.namespace);
    const stream = etcdWatch(client, {
      key: prefix,
      rangeEnd: prefixEnd(prefix),
      startRevision: after + 1,
      signal: controller.signal,
    });
    done = (async () => {
      try {
        for await (const events of stream) {
          for (const event of events) {
            const seen = watchEventOf(event, filter);
            if (seen) channel.push(seen);
          }
        }
        channel.close();
      } catch (error) {
        channel.close(error);
      }
    })().finally(onEnd);
  } catch (error) {
    channel.close(error);
    onEnd();
  }
  return { channel, done };
}

/** The revision a watch starts after; BadRequest unless it is a non-negative integer. */
function parseRevision(text: string): number {
  const revision = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(revision)) {
    throw new BadRequestError(`invalid resource version: ${text}`);
  }
  return revision;
}
