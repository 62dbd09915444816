import { joinPath } from "./_path.ts";
import { type CriEntry, parseCriLine } from "./_cri_log_line.ts";

/** Knobs of readContainerLog(), as `kubectl logs` has them. */
export interface ReadContainerLogOptions {
  /** Only the last N lines (`--tail N`); negative or absent means all. */
  tail?: number;
  /** Read the previous instance of the container (`--previous`). */
  previous?: boolean;
  /** Keep reading lines appended to the live file (`-f`) until `signal` aborts. */
  follow?: boolean;
  /** Ends a follow: what was already written is still read, then the iteration ends. */
  signal?: AbortSignal;
  /** Prefix each line with its RFC 3339 time, as `--timestamps` does. */
  timestamps?: boolean;
  /** How often a follow looks for new data (default 100 ms). */
  pollMs?: number;
}

/** The log an instance asked for does not exist (no such container, or no previous instance). */
export class ContainerLogNotFoundError extends Error {
  /** Names the folder and what was missing. */
  constructor(message: string) {
    super(message);
    this.name = "ContainerLogNotFoundError";
  }
}

/** Instance numbers present in a container's log folder, ascending. */
async function instances(dir: string): Promise<number[]> {
  const found = new Set<number>();
  try {
    for await (const entry of Deno.readDir(dir)) {
      const match = /^(\d+)\.log(?:\.\d+)?$/.exec(entry.name);
      if (match) found.add(Number(match[1]));
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return [...found].sort((a, b) => a - b);
}

/** The files of one instance, oldest first: `N.log.<k>` ... `N.log.1`, `N.log`. */
async function instanceFiles(dir: string, instance: number): Promise<string[]> {
  const rotated: number[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const match = new RegExp(`^${instance}\\.log\\.(\\d+)$`).exec(entry.name);
    if (match) rotated.push(Number(match[1]));
  }
  rotated.sort((a, b) => b - a);
  return [
    ...rotated.map((k) => joinPath(dir, `${instance}.log.${k}`)),
    joinPath(dir, `${instance}.log`),
  ];
}

/** Joins partial entries into lines; keeps state across calls. */
class LineAssembler {
  #partial = "";
  constructor(private readonly timestamps: boolean) {}

  push(text: string): string[] {
    const lines: string[] = [];
    for (const raw of text.split("\n")) {
      const entry: CriEntry | undefined = parseCriLine(raw);
      if (!entry) continue;
      if (entry.partial) {
        this.#partial += entry.content;
        continue;
      }
      const line = this.#partial + entry.content;
      this.#partial = "";
      lines.push(this.timestamps ? `${entry.time} ${line}` : line);
    }
    return lines;
  }
}

async function readText(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return "";
    throw error;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * Reads a container's log, one line at a time without the CRI prefix (what the program wrote,
 * each line without its newline), from `dir` = containerLogDir(...). The live instance is the
 * highest-numbered one; `previous` reads the one before. `tail` keeps the last N lines; `follow`
 * then polls the live file for appended lines (across rotations) until `signal` aborts.
 *
 * @example
 * ```ts ignore
 * for await (const line of readContainerLog(dir, { tail: 10 })) console.log(line);
 * ```
 */
export async function* readContainerLog(
  dir: string,
  options: ReadContainerLogOptions = {},
): AsyncGenerator<string> {
  const present = await instances(dir);
  if (present.length === 0) throw new ContainerLogNotFoundError(`no container log in ${dir}`);
  const current = present[present.length - 1];
  const instance = options.previous ? current - 1 : current;
  if (options.previous && !present.includes(instance)) {
    throw new ContainerLogNotFoundError(`no previous instance of the container log in ${dir}`);
  }
  const files = await instanceFiles(dir, instance);
  const live = files[files.length - 1];
  const follow = options.follow && !options.previous;
  // Open the live file first, so a follow continues exactly where the first read ended.
  const handle = follow ? await openOrNull(live) : null;
  const assembler = new LineAssembler(options.timestamps ?? false);
  const decoder = new TextDecoder();
  let liveText = handle
    ? decoder.decode(await readAll(handle), { stream: true })
    : await readText(live);
  let carry = "";
  if (follow) {
    // The writer may be mid-entry: hold the unterminated end for the follow.
    carry = liveText.slice(liveText.lastIndexOf("\n") + 1);
    liveText = liveText.slice(0, liveText.length - carry.length);
  }
  const tail = options.tail ?? -1;
  if (tail >= 0) {
    let lines = new LineAssembler(options.timestamps ?? false).push(liveText);
    for (let i = files.length - 2; i >= 0 && lines.length < tail; i--) {
      lines = [
        ...new LineAssembler(options.timestamps ?? false).push(await readText(files[i])),
        ...lines,
      ];
    }
    yield* lines.slice(Math.max(0, lines.length - tail));
  } else {
    for (const file of files.slice(0, -1)) yield* assembler.push(await readText(file));
    yield* assembler.push(liveText);
  }
  if (!follow) return;
  yield* followFile(live, handle, { assembler, decoder, carry }, options);
}

async function openOrNull(path: string): Promise<Deno.FsFile | null> {
  try {
    return await Deno.open(path, { read: true });
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

async function readAll(file: Deno.FsFile): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const buffer = new Uint8Array(64 * 1024);
  for (let n = await file.read(buffer); n !== null; n = await file.read(buffer)) {
    chunks.push(buffer.slice(0, n));
  }
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

async function* followFile(
  path: string,
  opened: Deno.FsFile | null,
  state: { assembler: LineAssembler; decoder: TextDecoder; carry: string },
  options: ReadContainerLogOptions,
): AsyncGenerator<string> {
  const { assembler } = state;
  let { decoder, carry } = state;
  let handle = opened;
  try {
    while (true) {
      const stopping = options.signal?.aborted ?? false;
      if (handle) {
        const text = carry + decoder.decode(await readAll(handle), { stream: true });
        const end = text.lastIndexOf("\n");
        carry = text.slice(end + 1);
        if (end >= 0) yield* assembler.push(text.slice(0, end));
      }
      // A rotation renamed the file we hold: finish it (done above), then take the new one.
      const replaced = await replacedFile(path, handle);
      if (replaced) {
        handle?.close();
        handle = await openOrNull(path);
        carry = "";
        decoder = new TextDecoder();
        continue;
      }
      if (stopping) return;
      await sleep(options.pollMs ?? 100, options.signal);
    }
  } finally {
    handle?.close();
  }
}

async function replacedFile(path: string, handle: Deno.FsFile | null): Promise<boolean> {
  let onDisk: Deno.FileInfo;
  try {
    onDisk = await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
  if (!handle) return true;
  return (await handle.stat()).ino !== onDisk.ino;
}
