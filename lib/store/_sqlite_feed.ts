import { GoneError } from "../api/errors.ts";
import type { AnyObject } from "../api/types.ts";
import { frozenParse } from "./_object.ts";
import { type Counters, type LogRow, readCounters, type Statements } from "./_sqlite_statements.ts";
import type { Change, ChangePage } from "./store.ts";

/** One change, as the feed hands it to watches. */
export interface FeedEntry {
  /** The revision of the change. */
  revision: number;
  /** The object's kind. */
  kind: string;
  /** The object's namespace ("" for cluster-scoped kinds). */
  namespace: string;
  /** What happened. */
  type: "ADDED" | "MODIFIED" | "DELETED";
  /** The object as JSON. */
  value: string;
  /** The object, parsed once for every watcher and deeply frozen (it is shared). */
  object(): AnyObject;
  /** The object as JSON before this change, when the log still has it. */
  previous(): string | undefined;
}

/** A watch's side of the feed. */
export interface FeedSubscriber {
  /** The kind it watches. */
  readonly kind: string;
  /** It wants changes above this revision only. */
  readonly after: number;
  /** Takes one change. */
  deliver(entry: FeedEntry): void;
  /** Ends the watch with an error (Gone, or the store failing). */
  fail(error: unknown): void;
  /** Ends the watch cleanly. */
  end(): void;
}

/** How the feed reads. */
export interface ChangeFeedOptions {
  /** How often to check for commits of other processes, in milliseconds. */
  intervalMs: number;
  /** Runs `read` in one read transaction (one consistent snapshot). */
  snapshot<T>(read: () => T): T;
  /** The error to report for a failed read. */
  translate(error: unknown): unknown;
}

const CHUNK = 2_000;

/**
 * One poller per store, fanning the change log out to every watch. It runs only while a watch is
 * open: every few milliseconds it checks PRAGMA data_version (which moves when another
 * connection commits) and reads new log rows only then; the store calls poll() right after its
 * own commits, which data_version does not show.
 */
export class ChangeFeed {
  #statements: Statements;
  #options: ChangeFeedOptions;
  #subscribers = new Set<FeedSubscriber>();
  #cursor = 0;
  #epoch = 0;
  #dataVersion: unknown = undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  /** A feed over a connection's statements. */
  constructor(statements: Statements, options: ChangeFeedOptions) {
    this.#statements = statements;
    this.#options = options;
  }

  /** Replays the changes above `subscriber.after` up to now, then keeps it fed; Gone if compacted. */
  subscribe(subscriber: FeedSubscriber): void {
    if (this.#closed) return subscriber.end();
    this.#options.snapshot(() => {
      const counters = readCounters(this.#statements);
      if (this.#subscribers.size === 0) this.#reset(counters);
      if (subscriber.after < counters.compacted) throw gone(subscriber.after, counters.compacted);
      const rows = this.#statements.logRange.iterate(
        subscriber.after,
        this.#cursor,
        subscriber.kind,
      );
      for (const row of rows) subscriber.deliver(this.#entry(row as unknown as LogRow));
    });
    this.#subscribers.add(subscriber);
    this.#arm();
  }

  /** The revision up to which every subscriber has been fed (Infinity without subscribers). */
  get horizon(): number {
    return this.#subscribers.size > 0 ? this.#cursor : Infinity;
  }

  /** Stops feeding a subscriber. */
  unsubscribe(subscriber: FeedSubscriber): void {
    this.#subscribers.delete(subscriber);
    if (this.#subscribers.size === 0 && this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  /** Delivers new log rows; unless `force`, only when another connection has committed. */
  poll(force = false): void {
    if (this.#subscribers.size === 0) return;
    try {
      if (!force) {
        const version = this.#statements.dataVersion.get()?.data_version;
        if (version === this.#dataVersion) return;
        this.#dataVersion = version;
      }
      this.#options.snapshot(() => this.#read());
    } catch (error) {
      const failure = this.#options.translate(error);
      for (const subscriber of [...this.#subscribers]) subscriber.fail(failure);
    }
  }

  /** Ends every watch and stops polling. */
  close(): void {
    this.#closed = true;
    for (const subscriber of [...this.#subscribers]) subscriber.end();
    this.#subscribers.clear();
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #read(): void {
    const counters = readCounters(this.#statements);
    if (counters.epoch !== this.#epoch || counters.compacted > this.#cursor) {
      // A restore replaced the history, or another process compacted rows not read yet.
      const restored = counters.epoch !== this.#epoch;
      for (const subscriber of [...this.#subscribers]) {
        if (restored || subscriber.after < counters.compacted) {
          subscriber.fail(gone(Math.max(subscriber.after, this.#cursor), counters.compacted));
        }
      }
      if (restored) return this.#reset(counters);
    }
    for (let more = true; more && this.#subscribers.size > 0;) {
      const rows = this.#statements.logAfter.all(this.#cursor, CHUNK) as unknown as LogRow[];
      for (const row of rows) {
        let entry: FeedEntry | undefined;
        for (const subscriber of [...this.#subscribers]) {
          if (subscriber.kind !== row.kind || subscriber.after >= row.id) continue;
          subscriber.deliver(entry ??= this.#entry(row));
        }
        this.#cursor = row.id;
      }
      more = rows.length === CHUNK;
    }
    this.#cursor = Math.max(this.#cursor, counters.revision);
  }

  #reset(counters: Counters): void {
    this.#cursor = counters.revision;
    this.#epoch = counters.epoch;
  }

  #entry(row: LogRow): FeedEntry {
    let memo: { value: string | undefined } | undefined;
    let parsed: AnyObject | undefined;
    return {
      revision: row.id,
      kind: row.kind,
      namespace: row.namespace,
      type: row.created ? "ADDED" : row.deleted ? "DELETED" : "MODIFIED",
      value: row.value,
      object: () => parsed ??= frozenParse<AnyObject>(row.value),
      previous: () => (memo ??= { value: this.#logValue(row.prev_revision) }).value,
    };
  }

  #logValue(revision: number): string | undefined {
    const found = revision ? this.#statements.logValue.get(revision) : undefined;
    return found ? String(found.value) : undefined;
  }

  #arm(): void {
    if (this.#timer !== undefined || this.#closed || this.#subscribers.size === 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.poll();
      this.#arm();
    }, this.#options.intervalMs);
  }
}

/**
 * Reads a page of the change log of every kind after `after` (with the previous state of each
 * modification when `previous`); Gone if compacted. Run in a snapshot.
 */
export function readChanges(
  statements: Statements,
  after: number,
  options: { limit: number; previous?: boolean },
): ChangePage {
  const { limit } = options;
  const counters = readCounters(statements);
  if (after < counters.compacted) throw gone(after, counters.compacted);
  const rows = statements.logAfter.all(after, limit) as unknown as LogRow[];
  const changes: Change[] = rows.map((row) => {
    const type = row.created ? "ADDED" : row.deleted ? "DELETED" : "MODIFIED";
    const change: Change = { revision: row.id, type, object: JSON.parse(row.value) };
    if (options.previous && type === "MODIFIED" && row.prev_revision) {
      const found = statements.logValue.get(row.prev_revision);
      if (found) change.previous = JSON.parse(String(found.value));
    }
    return change;
  });
  const revision = rows.length === limit ? rows[rows.length - 1].id : counters.revision;
  return { changes, revision };
}

function gone(revision: number, compacted: number): GoneError {
  return new GoneError(`too old resource version: ${revision} (${compacted})`);
}
