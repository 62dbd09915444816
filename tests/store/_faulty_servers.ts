/**
 * TCP endpoints that fail as dying API servers do, for failover tests: a proxy to a real server
 * whose connections can be cut mid-stream (a kill -9 of the server behind it), and servers that
 * read a request and hang up, or never answer at all.
 *
 * @module
 */

/** A listening endpoint: its URL and how to stop it. */
export interface FaultyServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Requests it has read so far (their first line, `POST /api/v1/namespaces HTTP/1.1`). */
  requests: string[];
  /** Stops listening and drops every connection at once, as a killed server does. */
  cut(): Promise<void>;
}

/** How a faulty server treats a connection. */
export type Fault = "proxy" | "hang-up" | "silent";

/**
 * Listens on a free loopback port. `proxy` forwards each connection to `target`; `hang-up`
 * reads the request and closes the connection without a word; `silent` reads it and says
 * nothing until cut.
 */
export function startFaultyServer(fault: Fault, target?: string): FaultyServer {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const open = new Set<Deno.Conn>();
  const requests: string[] = [];
  const close = (conn: Deno.Conn) => {
    open.delete(conn);
    try {
      conn.close();
    } catch { /* closed already */ }
  };
  const serve = async (conn: Deno.Conn) => {
    open.add(conn);
    if (fault === "proxy") {
      const upstream = await Deno.connect({
        hostname: "127.0.0.1",
        port: Number(new URL(target!).port),
      });
      open.add(upstream);
      await Promise.allSettled([
        conn.readable.pipeTo(upstream.writable),
        upstream.readable.pipeTo(conn.writable),
      ]);
      close(upstream);
      close(conn);
      return;
    }
    const buffer = new Uint8Array(64 * 1024);
    const read = await conn.read(buffer).catch(() => null);
    if (read) requests.push(new TextDecoder().decode(buffer.subarray(0, read)).split("\r\n")[0]);
    if (fault === "hang-up") close(conn);
  };
  const accepting = (async () => {
    for await (const conn of listener) serve(conn).catch(() => close(conn));
  })().catch(() => {});
  return {
    url: `http://127.0.0.1:${listener.addr.port}`,
    requests,
    async cut() {
      try {
        listener.close();
      } catch { /* closed already */ }
      for (const conn of [...open]) close(conn);
      await accepting;
    },
  };
}
