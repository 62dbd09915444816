import { BadRequestError } from "../api/errors.ts";
import { parseFieldSelector } from "../api/field_selector.ts";
import type { KindInfo } from "../api/kinds.ts";
import { parseLabelSelector } from "../api/label_selector.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { ListOptions, WatchEvent } from "../store/store.ts";
import { errorStatus } from "./_responses.ts";
import { objectTable, type ObjectTableOptions } from "./table.ts";

/** Options of watchResponse(). */
export interface WatchResponseOptions extends ListOptions {
  /** Start after this revision; "" or "0" first sends the current objects as ADDED, as Kubernetes does. */
  resourceVersion?: string;
  /** End the stream after this many seconds. */
  timeoutSeconds?: number;
  /** Pass BOOKMARK events on (otherwise they are dropped). */
  allowWatchBookmarks?: boolean;
  /** Ends the stream (client gone, server stopping). */
  signal?: AbortSignal;
  /** Send each object as a one-row Table (the Accept header asked for `as=Table`). */
  table?: ObjectTableOptions;
}

const encoder = new TextEncoder();

/**
 * Event lines already encoded, by object and event type: the store hands every watcher the same
 * (frozen) object for one change, so a change is serialized once however many watch it, as
 * kube-apiserver's watch cache does.
 */
const encoded = new WeakMap<object, Map<string, Uint8Array>>();

/** `{"type":...,"object":...}` and a newline, encoded once per object and type. */
function eventLine(event: { type: string; object: unknown }): Uint8Array {
  const object = event.object;
  if (typeof object !== "object" || object === null || !Object.isFrozen(object)) {
    return encoder.encode(JSON.stringify(event) + "\n");
  }
  let lines = encoded.get(object);
  if (!lines) encoded.set(object, lines = new Map());
  let line = lines.get(event.type);
  if (!line) lines.set(event.type, line = encoder.encode(JSON.stringify(event) + "\n"));
  return line;
}

/**
 * A watch as the Kubernetes protocol streams it: one JSON event per line (`{"type":"ADDED",
 * "object":{...}}`), until the client goes, `timeoutSeconds` pass or the server stops. A failure
 * (such as 410 Gone for a compacted revision) arrives as an ERROR event carrying the Status;
 * a malformed selector or resourceVersion is thrown as BadRequest before the stream starts.
 */
export function watchResponse(
  cluster: Cluster,
  info: KindInfo,
  options: WatchResponseOptions = {},
): Response {
  checkWatchOptions(info, options);
  const stop = new AbortController();
  const signals = [stop.signal, ...(options.signal ? [options.signal] : [])];
  const signal = AbortSignal.any(signals);
  // A negative timeout ends the watch at once; 0 (or none) means no timeout.
  const timer = options.timeoutSeconds
    ? setTimeout(() => stop.abort(), Math.max(0, options.timeoutSeconds * 1000))
    : undefined;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: { type: string; object: unknown }) =>
        controller.enqueue(eventLine(event));
      try {
        for await (const event of events(cluster, info, options, signal)) {
          if (signal.aborted) break;
          if (event.type === "BOOKMARK" && !options.allowWatchBookmarks) continue;
          send(
            options.table && event.type !== "BOOKMARK"
              ? asTable(cluster, info, event, options.table)
              : event,
          );
        }
      } catch (error) {
        if (!signal.aborted) send({ type: "ERROR", object: errorStatus(error) });
      } finally {
        clearTimeout(timer);
        stop.abort();
        try {
          controller.close();
        } catch {
          // Already closed: the client went away.
        }
      }
    },
    cancel() {
      clearTimeout(timer);
      stop.abort();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "content-type": "application/json" },
  });
}

/** BadRequest for what kube-apiserver refuses before it answers 200 and starts streaming. */
function checkWatchOptions(info: KindInfo, options: WatchResponseOptions): void {
  const { labelSelector, fieldSelector, resourceVersion } = options;
  if (typeof labelSelector === "string") parseLabelSelector(labelSelector);
  if (fieldSelector) parseFieldSelector(info.kind, fieldSelector);
  if (resourceVersion && !/^\d+$/.test(resourceVersion)) {
    throw new BadRequestError(`invalid resource version: ${resourceVersion}`);
  }
}

/** The current objects as ADDED (for a watch from "" or "0"), then every change after them. */
async function* events(
  cluster: Cluster,
  info: KindInfo,
  options: WatchResponseOptions,
  signal: AbortSignal,
): AsyncIterable<WatchEvent> {
  const { namespace, labelSelector, fieldSelector } = options;
  const filters = { namespace, labelSelector, fieldSelector };
  let resourceVersion = options.resourceVersion ?? "";
  if (resourceVersion === "" || resourceVersion === "0") {
    const listed = await cluster.store.list(info.kind, filters);
    for (const object of listed.items) yield { type: "ADDED", object };
    resourceVersion = listed.resourceVersion;
  }
  yield* cluster.watch(info.kind, { ...filters, resourceVersion, signal });
}

/** A watch event whose object is a one-row Table, as kube-apiserver sends for `as=Table`. */
function asTable(
  cluster: Cluster,
  info: KindInfo,
  event: WatchEvent,
  options: ObjectTableOptions,
): { type: string; object: unknown } {
  const object = event.object;
  const table = objectTable(info.kind, [object], cluster.clock.now(), {
    ...options,
    resourceVersion: object.metadata.resourceVersion,
  });
  return { type: event.type, object: table };
}
