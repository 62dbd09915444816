/** A client connection and, once connected, its backend connection. */
export interface Link {
  /** The accepted connection. */
  client: Deno.TcpConn;
  /** The connection to the chosen backend. */
  backend: Deno.TcpConn | undefined;
  /** Set once both ends are closed. */
  closed: boolean;
  /** Settles when the link is over. */
  done: Promise<void> | undefined;
}

const BUFFER_SIZE = 32 * 1024;
const POOLED_BUFFERS = 64;

/** Copy buffers reused across connections, so that a connection allocates none in the common case. */
export class BufferPool {
  #free: Uint8Array[] = [];

  /** A buffer to read into. */
  take(): Uint8Array {
    return this.#free.pop() ?? new Uint8Array(BUFFER_SIZE);
  }

  /** Gives a buffer back once no read can write into it any more. */
  give(buffer: Uint8Array): void {
    if (this.#free.length < POOLED_BUFFERS) this.#free.push(buffer);
  }
}

/** Closes both ends of a link (once). */
export function closeLink(link: Link): void {
  if (link.closed) return;
  link.closed = true;
  try {
    link.client.close();
  } catch { /* already closed */ }
  try {
    link.backend?.close();
  } catch { /* already closed */ }
}

/**
 * Copies `src` to `dst` until `src` ends, then half-closes `dst` so the peer sees the end of
 * input while the other direction goes on (as kube-proxy's userspace proxy does with
 * CloseWrite). An error (reset, closed) ends the whole link.
 */
async function pump(src: Deno.TcpConn, dst: Deno.TcpConn, link: Link, buffers: BufferPool) {
  const buffer = buffers.take();
  try {
    for (;;) {
      const n = await src.read(buffer);
      if (n === null) break;
      let offset = 0;
      while (offset < n) offset += await dst.write(buffer.subarray(offset, n));
    }
    if (!link.closed) await dst.closeWrite();
  } catch {
    closeLink(link);
  } finally {
    buffers.give(buffer);
  }
}

/** Pipes a connected link both ways and closes both ends when both directions have ended. */
export async function relay(link: Link, buffers: BufferPool): Promise<void> {
  const client = link.client, backend = link.backend!;
  await Promise.all([pump(client, backend, link, buffers), pump(backend, client, link, buffers)]);
  closeLink(link);
}
