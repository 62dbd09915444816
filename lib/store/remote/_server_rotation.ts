/**
 * How a client of several API servers (`--server URL1,URL2`) chooses where a request goes and
 * whether a failed one may go elsewhere. Pure decisions; ApiClient carries them out.
 *
 * A server is an index into the client's list. The client keeps one current server and moves
 * to the next (wrapping) when a request to it fails to connect or its connection breaks; it does
 * not go back by itself, so a client that moved stays on the server that answers.
 */

/**
 * How a request failed to reach its server: `unsent` when no connection was made (refused, no
 * route, a failed TLS handshake), so the server never saw the request; `unanswered` when the
 * connection broke or timed out after the request went out, so the server may have carried it
 * out.
 */
export type ConnectionFailure = "unsent" | "unanswered";

/** Methods that change nothing, so sending them twice is harmless. */
const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The server a request tries next: the current one when this request has not tried it yet,
 * else the first untried one after it in list order (wrapping); undefined once every server
 * of the `count` was tried.
 */
export function nextServer(
  count: number,
  current: number,
  tried: ReadonlySet<number>,
): number | undefined {
  for (let step = 0; step < count; step++) {
    const server = (current + step) % count;
    if (!tried.has(server)) return server;
  }
  return undefined;
}

/**
 * The current server after a request to `failed` could not reach it: the one after `failed`
 * when `failed` is still current; otherwise the current one stays, since another request has
 * moved on already (two requests failing at once must not skip a live server).
 */
export function afterFailure(count: number, current: number, failed: number): number {
  return failed === current ? (current + 1) % count : current;
}

/**
 * Whether a request that failed so may be sent to the next server. Reads always may: they
 * change nothing. Writes only when they were never sent: a POST, PUT, PATCH or DELETE whose
 * answer was lost may have been carried out, and sending it again could create twice, or turn
 * the caller's success into AlreadyExists, Conflict or NotFound. The caller sees the connection
 * error instead and, as with any failed write, reads again and decides (the agent's lease and
 * status writes are retried on their next round).
 */
export function mayRetryElsewhere(method: string, failure: ConnectionFailure): boolean {
  return SAFE_METHODS.has(method.toUpperCase()) || failure === "unsent";
}

/**
 * How a fetch failed, from the error Deno gives: its socket error says `client error
 * (Connect)` (or `Connection refused`) when the connection was never made; anything else
 * (`connection closed before message completed`, a reset, a timeout) may have come after the
 * request went out.
 */
export function connectionFailure(error: unknown): ConnectionFailure {
  const text = messages(error).join("\n");
  return /client error \(Connect\)|connection refused|tcp connect error/i.test(text)
    ? "unsent"
    : "unanswered";
}

function messages(error: unknown): string[] {
  const found: string[] = [];
  for (let e = error; e !== undefined && e !== null && found.length < 10;) {
    found.push(e instanceof Error ? e.message : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return found;
}
