/**
 * One etcd watch over the gateway's streaming `/v3/watch`, resumed after a dropped connection
 * from the revision after the last one delivered, so that no event is missed or repeated.
 *
 * @module
 */
import { GoneError, ServiceUnavailableError } from "../../api/errors.ts";
import { type EtcdClient, EtcdRequestError } from "./_client.ts";
import { type EtcdKeyValue, int64, toBase64 } from "./_codec.ts";

/** One change as etcd reports it. */
export interface EtcdEvent {
  /** Absent for PUT (the gateway leaves out enum defaults). */
  type?: "PUT" | "DELETE";
  kv: EtcdKeyValue;
  prev_kv?: EtcdKeyValue;
}

/** What to watch, and from where. */
export interface EtcdWatchOptions {
  /** The first key. */
  key: string;
  /** The end of the range (exclusive); "\0" for every key from `key` on. */
  rangeEnd: string;
  /** The first revision to deliver. */
  startRevision: number;
  /** Ends the watch. */
  signal: AbortSignal;
  /** Reconnect after a dropped connection (default); false fails with ServiceUnavailable instead. */
  resume?: boolean;
}

interface WatchResult {
  header?: { revision?: string };
  events?: EtcdEvent[];
  canceled?: boolean;
  compact_revision?: string;
  cancel_reason?: string;
}

const FIRST_DELAY_MS = 50;
const MAX_DELAY_MS = 1_000;

/**
 * The events of a watch, one array per etcd answer (an answer never splits a revision). Ends
 * when the signal is aborted; throws GoneError when the start revision was compacted.
 */
export async function* etcdWatch(
  client: EtcdClient,
  options: EtcdWatchOptions,
): AsyncGenerator<EtcdEvent[]> {
  let next = options.startRevision;
  let delay = FIRST_DELAY_MS;
  const { signal } = options;
  while (!signal.aborted) {
    let failure: unknown;
    try {
      const request = {
        create_request: {
          key: toBase64(options.key),
          range_end: toBase64(options.rangeEnd),
          start_revision: String(next),
          prev_kv: true,
        },
      };
      const response = await client.stream("/v3/watch", request, signal);
      for await (const line of lines(response.body!)) {
        if (line.error) {
          throw new ServiceUnavailableError(`etcd watch failed: ${line.error.message}`);
        }
        const result = line.result as WatchResult;
        client.observe(result.header);
        if (result.canceled) throw cancelled(result, next);
        if (!result.events?.length) continue;
        delay = FIRST_DELAY_MS;
        next = int64(result.events[result.events.length - 1].kv.mod_revision) + 1;
        yield result.events;
      }
      failure = new ServiceUnavailableError("etcd closed the watch");
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof GoneError || error instanceof EtcdRequestError) throw error;
      failure = error;
    }
    if (options.resume === false) throw failure;
    await pause(delay, signal);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}

function cancelled(result: WatchResult, next: number): Error {
  const compacted = int64(result.compact_revision);
  if (compacted > 0) {
    return new GoneError(`too old resource version: ${next - 1} (${compacted - 1})`);
  }
  return new EtcdRequestError(2, `etcd cancelled the watch: ${result.cancel_reason ?? "unknown"}`);
}

interface StreamLine {
  result?: unknown;
  error?: { message?: string };
}

/** The JSON messages of a gateway stream, one per line. */
async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<StreamLine> {
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, end).trim();
      buffered = buffered.slice(end + 1);
      if (line) yield JSON.parse(line) as StreamLine;
    }
  }
}

/** Waits `ms`, or less when the signal is aborted. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
