/**
 * The API server could not be reached. The message is kubectl's: `The connection to the server
 * 127.0.0.1:6443 was refused - did you specify the right host or port?` for a refused
 * connection, `Unable to connect to the server: <cause>` for anything else (DNS, TLS).
 */
export class ServerConnectionError extends Error {
  /** Makes the error for `host` (`127.0.0.1:6443`) from the network error `cause`. */
  constructor(host: string, cause: unknown) {
    const detail = causeText(cause);
    super(
      /connection refused/i.test(detail)
        ? `The connection to the server ${host} was refused - did you specify the right host or port?`
        : `Unable to connect to the server: ${detail}`,
      { cause },
    );
    this.name = "ServerConnectionError";
  }
}

/** The innermost message of a fetch failure (Deno puts the socket's error in `cause`). */
function causeText(error: unknown): string {
  let text = error instanceof Error ? error.message : String(error);
  let inner = error instanceof Error ? error.cause : undefined;
  while (inner instanceof Error) {
    text = inner.message;
    inner = inner.cause;
  }
  // Deno wraps the socket's words in `error sending request for url (...): client error (Connect): `
  // (Deno 2.9: `error sending request from <local> for <url> (<host>): `.)
  return text
    .replace(/^error sending request (?:for url \([^)]*\)|from \S+ for \S+ \([^)]*\)): /, "")
    .replace(/^client error \((?:Connect|SendRequest)\): /, "");
}
