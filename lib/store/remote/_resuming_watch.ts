import type { Kind } from "../../api/types.ts";
import type { WatchEvent, WatchOptions } from "../store.ts";
import type { ApiClient } from "./_api_client.ts";
import { typed } from "./_targets.ts";
import { pause, watchEvents } from "./_watch_events.ts";
import { listQuery } from "./api_paths.ts";
import { ServerConnectionError } from "./server_connection_error.ts";

/** What resumingWatch() watches, from where, until when. */
export interface ResumingWatchOptions extends WatchOptions {
  /** The kind the events are of. */
  kind: Kind;
  /** The resourceVersion to start after. */
  from: Promise<string>;
  /** Ends the watch quietly. */
  signal: AbortSignal;
}

/**
 * The events of a watch on `path` that outlives its streams: one the server ends is opened
 * again (on the same server) from the last resourceVersion delivered, and one whose connection
 * breaks (its server died) is opened again there on the next server of the client, so the
 * caller sees each change once, in order. It ends when `signal` is aborted, and throws when no
 * server can be reached or a server answers with an error (410 Gone for a compacted revision).
 */
export async function* resumingWatch(
  api: ApiClient,
  path: string,
  options: ResumingWatchOptions,
): AsyncGenerator<WatchEvent> {
  const { kind, signal } = options;
  let resourceVersion = await options.from;
  while (!signal.aborted) {
    const query = listQuery(options);
    query.set("watch", "1");
    query.set("resourceVersion", resourceVersion);
    let opened: { response: Response; server: number };
    try {
      opened = await api.open("GET", path, { query, signal });
    } catch (error) {
      if (signal.aborted) return;
      throw error;
    }
    let seen = 0;
    try {
      for await (
        const event of watchEvents(opened.response.body!, signal, api.host(opened.server))
      ) {
        resourceVersion = event.object.metadata.resourceVersion ?? resourceVersion;
        seen++;
        yield { type: event.type, object: typed(kind, event.object) };
      }
    } catch (error) {
      if (!(error instanceof ServerConnectionError)) throw error;
      // The server went away mid-stream: later requests, this one first, go to the next.
      api.failed(opened.server);
    }
    // A server that ends streams at once (it is stopping) is not asked again in a tight loop.
    if (seen === 0 && !signal.aborted) await pause(200, signal);
  }
}
