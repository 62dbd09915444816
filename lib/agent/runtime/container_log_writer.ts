import { joinPath } from "./_path.ts";
import { criHeader, type LogStream } from "./_cri_log_line.ts";

/** Knobs of ContainerLogWriter. */
export interface ContainerLogWriterOptions {
  /** Rotate the live file when it would grow past this (default 10 MiB, as the kubelet). */
  maxSizeBytes?: number;
  /** Files kept per instance, the live one included (default 5, as the kubelet; at least 2). */
  maxFiles?: number;
  /** Lines longer than this are written as partial (`P`) entries (default 16 KiB). */
  maxLineBytes?: number;
  /** The clock (ms) for the timestamps. */
  now?: () => number;
}

/** `<logDir>/<namespace>_<pod>_<uid>/<container>`: the kubelet's per-container log folder. */
export function containerLogDir(
  logDir: string,
  pod: { namespace: string; name: string; uid: string },
  container: string,
): string {
  return joinPath(logDir, `${pod.namespace}_${pod.name}_${pod.uid}`, container);
}

const NEWLINE = 10;
const encoder = new TextEncoder();

/**
 * Writes one container instance's stdout and stderr to `<dir>/<restartCount>.log` in the CRI
 * log format (`<RFC3339Nano> <stream> F <line>`), rotating by size to `<restartCount>.log.1`,
 * `.2`, ... (`.1` the newest). Opening instance N removes the files of instances before N-1,
 * so `--previous` can still read the instance before. Writes are synchronous, so lines of the
 * two streams never interleave mid-line.
 */
export class ContainerLogWriter {
  /** The folder of this container's logs. */
  readonly dir: string;
  /** The live file of this instance. */
  readonly path: string;
  #file: Deno.FsFile;
  #size: number;
  #options: Required<ContainerLogWriterOptions>;
  #pending: Record<LogStream, Uint8Array[]> = { stdout: [], stderr: [] };
  #pendingBytes: Record<LogStream, number> = { stdout: 0, stderr: 0 };

  /** Opens (creating folders) the log of instance `restartCount` of a container. */
  constructor(dir: string, restartCount: number, options: ContainerLogWriterOptions = {}) {
    this.dir = dir;
    this.path = joinPath(dir, `${restartCount}.log`);
    this.#options = {
      maxSizeBytes: options.maxSizeBytes ?? 10 * 1024 * 1024,
      maxFiles: Math.max(2, options.maxFiles ?? 5),
      maxLineBytes: options.maxLineBytes ?? 16 * 1024,
      now: options.now ?? Date.now,
    };
    Deno.mkdirSync(dir, { recursive: true });
    for (const entry of Deno.readDirSync(dir)) {
      const instance = /^(\d+)\.log(\.\d+)?$/.exec(entry.name);
      if (instance && Number(instance[1]) < restartCount - 1) {
        Deno.removeSync(joinPath(dir, entry.name));
      }
    }
    this.#file = Deno.openSync(this.path, { create: true, append: true });
    this.#size = this.#file.statSync().size;
  }

  /** Appends output of one stream; complete lines are written, a trailing partial is held. */
  write(stream: LogStream, chunk: Uint8Array): void {
    let start = 0;
    for (let i = chunk.indexOf(NEWLINE); i >= 0; i = chunk.indexOf(NEWLINE, start)) {
      this.#hold(stream, chunk.subarray(start, i));
      while (this.#pendingBytes[stream] > this.#options.maxLineBytes) this.#emit(stream, true);
      this.#emit(stream, false);
      start = i + 1;
    }
    if (start < chunk.length) this.#hold(stream, chunk.subarray(start));
    while (this.#pendingBytes[stream] > this.#options.maxLineBytes) this.#emit(stream, true);
  }

  /** How many bytes of a line not yet ended the writer holds for `stream`. */
  heldBytes(stream: LogStream): number {
    return this.#pendingBytes[stream];
  }

  /** Writes out a held partial line of each stream as a full line (the stream ended). */
  flush(): void {
    for (const stream of ["stdout", "stderr"] as const) {
      while (this.#pendingBytes[stream] > this.#options.maxLineBytes) this.#emit(stream, true);
      if (this.#pendingBytes[stream] > 0) this.#emit(stream, false);
    }
  }

  /** Flushes and closes the file. */
  close(): void {
    this.flush();
    this.#file.close();
  }

  #hold(stream: LogStream, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.#pending[stream].push(bytes.slice());
    this.#pendingBytes[stream] += bytes.length;
  }

  /** Writes held bytes as one entry; a partial entry takes at most maxLineBytes. */
  #emit(stream: LogStream, partial: boolean): void {
    const all = concat(this.#pending[stream], this.#pendingBytes[stream]);
    const take = partial ? all.subarray(0, this.#options.maxLineBytes) : all;
    const rest = partial ? all.subarray(take.length) : new Uint8Array();
    this.#pending[stream] = rest.length ? [rest] : [];
    this.#pendingBytes[stream] = rest.length;
    const header = encoder.encode(criHeader(this.#options.now(), stream, partial));
    const entry = concat([header, take, Uint8Array.of(NEWLINE)]);
    if (this.#size > 0 && this.#size + entry.length > this.#options.maxSizeBytes) this.#rotate();
    let written = 0;
    while (written < entry.length) written += this.#file.writeSync(entry.subarray(written));
    this.#size += entry.length;
  }

  #rotate(): void {
    this.#file.close();
    const keep = this.#options.maxFiles - 1;
    for (let n = keep; n >= 1; n--) {
      const from = n === 1 ? this.path : `${this.path}.${n - 1}`;
      try {
        Deno.renameSync(from, `${this.path}.${n}`);
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
      }
    }
    this.#file = Deno.openSync(this.path, { create: true, append: true, truncate: false });
    this.#size = 0;
  }
}

function concat(parts: Uint8Array[], total = parts.reduce((n, p) => n + p.length, 0)): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
