import { joinPath } from "./_path.ts";
import type { LogStream } from "./_cri_log_line.ts";
import type { ContainerLogWriter } from "./container_log_writer.ts";

/**
 * Where a container process writes its own stdout and stderr (`<root>/pods/<uid>/<container>.stdout`
 * and `.stderr`): files rather than pipes to the agent, so that the process outlives an agent
 * killed outright, as containers outlive a kubelet, and the next agent reads on.
 */
export function containerOutputPaths(
  root: string,
  podUid: string,
  container: string,
): Record<LogStream, string> {
  const base = joinPath(root, "pods", podUid, container);
  return { stdout: `${base}.stdout`, stderr: `${base}.stderr` };
}

/** How far the agent has read each stream of a container into its log. */
export type OutputOffsets = Record<LogStream, number>;

/** `<root>/pods/<uid>/<container>.offsets`: the offsets, saved for a restarted agent. */
export function outputOffsetsPath(root: string, podUid: string, container: string): string {
  return joinPath(root, "pods", podUid, `${container}.offsets`);
}

/** The saved offsets of a container; from the start when there are none (or they are torn). */
export function readOutputOffsets(path: string): OutputOffsets {
  try {
    const saved = JSON.parse(Deno.readTextFileSync(path));
    if (Number.isSafeInteger(saved.stdout) && Number.isSafeInteger(saved.stderr)) return saved;
  } catch {
    // none yet, or torn by a kill mid-write
  }
  return { stdout: 0, stderr: 0 };
}

/** Knobs of ContainerOutputTail. */
export interface ContainerOutputTailOptions {
  /** Where to start reading (a restarted agent's saved offsets); default the start. */
  from?: OutputOffsets;
  /** How often the files are read (default 100 ms). */
  pollMs?: number;
  /** A file read to its end past this size is emptied, so it does not grow forever (1 MiB). */
  truncateBytes?: number;
  /** At most this much of each stream is read per poll, so the agent stays responsive (1 MiB). */
  readBytesPerPoll?: number;
  /**
   * Unread output past this is dropped (the file emptied, a line in the log says how much): a
   * container that writes faster than its log is read cannot fill the disk (10 MiB, the
   * kubelet's containerLogMaxSize).
   */
  backlogBytes?: number;
}

const STREAMS: LogStream[] = ["stdout", "stderr"];

const encoder = new TextEncoder();

/** One read buffer for every tail: reads are synchronous, so they never overlap. */
const buffer = new Uint8Array(16 * 1024);

/** One timer per poll period for every tail (an agent runs a hundred of them). */
const tickers = new Map<
  number,
  { timer: ReturnType<typeof setInterval>; tails: Set<() => void> }
>();

/** One tail's read, its errors (a full disk, a removed folder) reported, never thrown. */
function readQuietly(read: () => void): void {
  try {
    read();
  } catch (error) {
    console.error(`kclone agent: reading a container's output: ${(error as Error).message}`);
  }
}

function everyPoll(pollMs: number, read: () => void): () => void {
  let ticker = tickers.get(pollMs);
  if (!ticker) {
    const tails = new Set<() => void>();
    ticker = { tails, timer: setInterval(() => tails.forEach(readQuietly), pollMs) };
    tickers.set(pollMs, ticker);
  }
  ticker.tails.add(read);
  return () => {
    ticker.tails.delete(read);
    if (ticker.tails.size === 0) {
      clearInterval(ticker.timer);
      tickers.delete(pollMs);
    }
  };
}

/**
 * Reads a container's output files into its CRI log every `pollMs`, saving how far it got (less
 * a line not yet ended, read again by a restarted agent). A file read to its end past
 * `truncateBytes` is emptied (the process appends, so it writes on from the start), as
 * logrotate's copytruncate does: output written in the moment between the last read and the
 * truncation is lost, which a pipe would not lose, but a pipe dies with the agent. Unlike a
 * pipe, a file does not slow a writer down: each poll reads at most `readBytesPerPoll` of a
 * stream, and of a backlog past `backlogBytes` only the newest `readBytesPerPoll` is kept, with a
 * line saying how much was dropped. The two streams
 * are read one after the other, so lines of stdout and stderr written within one poll (100 ms)
 * may appear in the log out of their order.
 */
export class ContainerOutputTail {
  readonly #files: Record<LogStream, Deno.FsFile>;
  readonly #paths: Record<LogStream, string>;
  readonly #log: ContainerLogWriter;
  readonly #offsetsPath: string;
  readonly #offsets: OutputOffsets;
  readonly #truncateBytes: number;
  readonly #readBytesPerPoll: number;
  readonly #backlogBytes: number;
  readonly #unsubscribe: () => void;

  /** Opens the files (created when missing) and starts reading them. */
  constructor(
    paths: Record<LogStream, string>,
    log: ContainerLogWriter,
    offsetsPath: string,
    options: ContainerOutputTailOptions = {},
  ) {
    this.#paths = paths;
    this.#log = log;
    this.#offsetsPath = offsetsPath;
    this.#offsets = { ...(options.from ?? { stdout: 0, stderr: 0 }) };
    this.#truncateBytes = options.truncateBytes ?? 1024 * 1024;
    this.#readBytesPerPoll = options.readBytesPerPoll ?? 1024 * 1024;
    this.#backlogBytes = options.backlogBytes ?? 10 * 1024 * 1024;
    this.#files = {
      stdout: Deno.openSync(paths.stdout, { read: true, write: true, create: true }),
      stderr: Deno.openSync(paths.stderr, { read: true, write: true, create: true }),
    };
    this.#unsubscribe = everyPoll(options.pollMs ?? 100, () => this.read());
  }

  /**
   * Reads what was written since the last look into the log, at most `readBytesPerPoll` of each
   * stream, and saves the offsets. A backlog past `backlogBytes` is skipped but for its newest
   * `readBytesPerPoll`, with a line in the log saying how much. True when more is left to read.
   */
  read(): boolean {
    let moved = false, more = false;
    for (const stream of STREAMS) {
      const file = this.#files[stream];
      // The end of the file is its size (a seek allocates nothing, unlike a stat, 1,000 times
      // a second with 50 pods).
      const size = file.seekSync(0, Deno.SeekMode.End);
      // A file emptied behind our back (or by us) starts again at 0.
      if (size < this.#offsets[stream]) this.#offsets[stream] = 0;
      const unread = size - this.#offsets[stream];
      if (unread > this.#backlogBytes) {
        const skipped = unread - Math.min(this.#readBytesPerPoll, this.#backlogBytes);
        this.#offsets[stream] += skipped;
        const cut = this.#log.heldBytes(stream) > 0 ? "\n" : ""; // end a line it cut short
        const note =
          `[kclone: ${skipped} bytes of output dropped: the container writes faster than its log is read]`;
        this.#log.write(stream, encoder.encode(`${cut}${note}\n`));
        moved = true;
      }
      let budget = Math.min(size - this.#offsets[stream], this.#readBytesPerPoll);
      file.seekSync(this.#offsets[stream], Deno.SeekMode.Start);
      while (budget > 0) {
        const n = file.readSync(buffer.subarray(0, Math.min(buffer.length, budget)));
        if (!n) break;
        this.#log.write(stream, buffer.subarray(0, n));
        this.#offsets[stream] += n;
        budget -= n;
        moved = true;
      }
      if (this.#offsets[stream] === size && size > this.#truncateBytes) {
        file.truncateSync(0);
        this.#offsets[stream] = 0;
      }
      more ||= this.#offsets[stream] < size;
    }
    if (moved) this.#save();
    return more;
  }

  /** Reads the rest, stops, and removes the files and the saved offsets (the instance ended). */
  async finish(): Promise<void> {
    await this.close();
    for (const path of [this.#paths.stdout, this.#paths.stderr, this.#offsetsPath]) {
      try {
        Deno.removeSync(path);
      } catch {
        // already gone
      }
    }
  }

  /**
   * Reads the rest (a poll's worth at a time, letting the agent do other work in between) and
   * stops, leaving the files.
   */
  async close(): Promise<void> {
    this.#unsubscribe();
    try {
      while (this.read()) await new Promise((resolve) => setTimeout(resolve, 0));
    } finally {
      this.#files.stdout.close();
      this.#files.stderr.close();
    }
  }

  /**
   * Saves the offsets, less the bytes of a line the log still holds unended: written aside, then
   * renamed over, so a kill never leaves half a file.
   */
  #save(): void {
    const saved = {
      stdout: Math.max(0, this.#offsets.stdout - this.#log.heldBytes("stdout")),
      stderr: Math.max(0, this.#offsets.stderr - this.#log.heldBytes("stderr")),
    };
    const aside = `${this.#offsetsPath}.new`;
    Deno.writeTextFileSync(aside, JSON.stringify(saved));
    Deno.renameSync(aside, this.#offsetsPath);
  }
}
