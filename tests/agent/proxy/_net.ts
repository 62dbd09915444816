/**
 * Test helpers for the service proxy: tiny HTTP backends that answer with their name, raw HTTP/1.1
 * clients (so that each request's connection is under the test's control), and rules.
 *
 * @module
 */
import type { ProxyBackend, ProxyRule } from "../../../lib/agent/proxy/mod.ts";

/** Whether this machine binds 127.0.0.2 and up without privileges (Linux does). */
export function loopbackAliasesWork(): boolean {
  try {
    Deno.listen({ hostname: "127.0.0.2", port: 0 }).close();
    return true;
  } catch {
    return false;
  }
}

/** A small HTTP server standing in for a pod. */
export interface Backend {
  name: string;
  ip: string;
  port: number;
  stop(): Promise<void>;
}

/** HTTP servers answering their name, the i-th on 127.0.0.<i+1> where that works. */
export async function startBackends(names: string[]): Promise<Backend[]> {
  const aliases = loopbackAliasesWork();
  return await Promise.all(names.map((name, i) => {
    const ip = aliases ? `127.0.0.${i + 1}` : "127.0.0.1";
    const { promise, resolve } = Promise.withResolvers<number>();
    const server = Deno.serve(
      { hostname: ip, port: 0, onListen: ({ port }) => resolve(port) },
      () => new Response(name),
    );
    return promise.then((port) => ({ name, ip, port, stop: () => server.shutdown() }));
  }));
}

/** A port nothing listens on (bound, then released). */
export function closedPort(hostname = "127.0.0.1"): number {
  const listener = Deno.listen({ hostname, port: 0 });
  const port = listener.addr.port;
  listener.close();
  return port;
}

/** A one-port rule listening on 127.0.0.1:`port` (0: any) with `backends` in this order. */
export function ruleOf(
  backends: { ip: string; port: number; name?: string }[],
  port = 0,
): ProxyRule {
  return {
    key: "default/web",
    namespace: "default",
    service: "web",
    portName: "",
    protocol: "TCP",
    listen: [{ hostname: "127.0.0.1", port }],
    backends: backends.map((b): ProxyBackend => ({
      ip: b.ip,
      port: b.port,
      pod: b.name ?? "",
      namespace: "default",
    })),
  };
}

const REQUEST_CLOSE = new TextEncoder().encode(
  "GET / HTTP/1.1\r\nHost: web\r\nConnection: close\r\n\r\n",
);
const REQUEST_KEEP = new TextEncoder().encode("GET / HTTP/1.1\r\nHost: web\r\n\r\n");

/** Reads until the end of the stream. */
export async function readAll(conn: Deno.Conn): Promise<string> {
  const chunks: Uint8Array[] = [];
  const buffer = new Uint8Array(4096);
  for (let n = await conn.read(buffer); n !== null; n = await conn.read(buffer)) {
    chunks.push(buffer.slice(0, n));
  }
  return new TextDecoder().decode(new Uint8Array(chunks.flatMap((c) => [...c])));
}

/** One GET with `Connection: close` on a new connection; the body, or "" when closed unanswered. */
export async function getOnce(port: number, hostname = "127.0.0.1"): Promise<string> {
  const conn = await Deno.connect({ hostname, port });
  try {
    await conn.write(REQUEST_CLOSE);
    const response = await readAll(conn);
    return response.slice(response.indexOf("\r\n\r\n") + 4);
  } finally {
    conn.close();
  }
}

/** A keep-alive connection that sends GETs one after the other. */
export class KeepAliveClient {
  #conn: Deno.Conn;
  #pending = "";

  private constructor(conn: Deno.Conn) {
    this.#conn = conn;
  }

  /** Connects to 127.0.0.1:`port`. */
  static async connect(port: number): Promise<KeepAliveClient> {
    return new KeepAliveClient(await Deno.connect({ hostname: "127.0.0.1", port }));
  }

  /** Sends a GET and returns the body (by Content-Length). */
  async get(): Promise<string> {
    await this.#conn.write(REQUEST_KEEP);
    const buffer = new Uint8Array(4096), decoder = new TextDecoder();
    for (;;) {
      const end = this.#pending.indexOf("\r\n\r\n");
      const length = /content-length: (\d+)/i.exec(this.#pending)?.[1];
      if (end >= 0 && length !== undefined && this.#pending.length >= end + 4 + Number(length)) {
        const body = this.#pending.slice(end + 4, end + 4 + Number(length));
        this.#pending = this.#pending.slice(end + 4 + Number(length));
        return body;
      }
      const n = await this.#conn.read(buffer);
      if (n === null) throw new Error("connection closed");
      this.#pending += decoder.decode(buffer.subarray(0, n));
    }
  }

  /** Closes the connection. */
  close(): void {
    this.#conn.close();
  }
}
