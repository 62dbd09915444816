import type { WatchEvent } from "../store.ts";
import { ServerConnectionError } from "./server_connection_error.ts";
import { errorFromStatus } from "./status_error.ts";

/**
 * The events of one watch response, one JSON object per line as the Kubernetes watch protocol
 * streams them. An ERROR event (410 Gone, say) is thrown as its typed ApiError; the stream ending
 * ends the events; aborting `signal` ends them quietly.
 */
export async function* watchEvents(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  host: string,
): AsyncGenerator<WatchEvent> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<string>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (signal.aborted) return;
        throw new ServerConnectionError(host, error);
      }
      if (chunk.done) return;
      buffer += chunk.value;
      for (let end = buffer.indexOf("\n"); end >= 0; end = buffer.indexOf("\n")) {
        const line = buffer.slice(0, end).trim();
        buffer = buffer.slice(end + 1);
        if (line === "") continue;
        const event = JSON.parse(line) as { type: string; object: { code?: number } };
        if (event.type === "ERROR") throw errorFromStatus(event.object, event.object.code ?? 500);
        yield event as unknown as WatchEvent;
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** Waits `ms`, or less when `signal` is aborted. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
