import type { DatabaseSync } from "node:sqlite";
import { type Clock, systemClock } from "../api/clock.ts";
import { KINDS } from "../api/kinds.ts";
import type { AnyObject, Kind, KindMap } from "../api/types.ts";
import { ChangeFeed, type FeedSubscriber, readChanges } from "./_sqlite_feed.ts";
import { compactLog, restoreObjects } from "./_sqlite_maintenance.ts";
import { boundNode, readList, readPodsOnNode } from "./_sqlite_list.ts";
import { ensurePodFactsIndex, PodFactsQueries } from "./_sqlite_pod_facts.ts";
import { openDatabase } from "./_sqlite_schema.ts";
import { prepareStatements, readCounters, type Statements } from "./_sqlite_statements.ts";
import { storeError } from "./_sqlite_errors.ts";
import { parseRevision, watchSubscriber } from "./_sqlite_watch.ts";
import {
  addressOf,
  applyOperation,
  createObject,
  deleteObject,
  updateObject,
  type WriteContext,
} from "./_sqlite_writes.ts";
import { SqliteWriter } from "./_sqlite_writer.ts";
import { WatchChannel } from "./_watch_channel.ts";
import type {
  BatchOperation,
  ChangePage,
  ChangesOptions,
  DeleteOptions,
  ListOptions,
  ListResult,
  Store,
  StoreDump,
  TallyResult,
  WatchEvent,
  WatchOptions,
} from "./store.ts";

export { StoreOpenError } from "./_sqlite_errors.ts";

/** Options of the SQLite store. */
export interface SqliteStoreOptions {
  /** How long a database locked by another process is retried before ServiceUnavailable (default 5,000 ms). */
  busyTimeoutMs?: number;
  /** Revisions of history kept for watches that resume; older ones are compacted (default 10,000; 0 never compacts). */
  keepRevisions?: number;
  /** How often watches check for commits of other processes (default 5 ms). */
  pollIntervalMs?: number;
  /** SQLite's `synchronous` (default NORMAL: an acknowledged write survives a killed process; FULL also a power cut). */
  synchronous?: "NORMAL" | "FULL";
  /** Source of creationTimestamp. */
  clock?: Clock;
}

/**
 * A Store in one SQLite file (node:sqlite, WAL mode), shared by any number of processes. A `log`
 * table is the source of truth, one row per write whose id is the revision; a `current` table,
 * written in the same transaction, serves get and list. Writes run in BEGIN IMMEDIATE
 * transactions, so that check-then-write is atomic across processes; watches see the writes of
 * every process through one poller of the log per store.
 *
 * @example
 * ```ts
 * import { SqliteStore } from "@kclone/kclone";
 * const dir = await Deno.makeTempDir();
 * const store = SqliteStore.open(`${dir}/kclone.db`);
 * await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
 * console.log((await store.list("Namespace")).items.length); // 1
 * await store.close();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class SqliteStore implements Store {
  #path: string;
  #db: DatabaseSync;
  #statements: Statements;
  #facts: PodFactsQueries;
  #feed: ChangeFeed;
  #writer: SqliteWriter;
  #busyTimeoutMs: number;
  #closed = false;
  #translate = (error: unknown): unknown => storeError(error, this.#path, this.#busyTimeoutMs);

  /**
   * Opens the store in `path`, creating the file when missing. StoreOpenError when the file is
   * not a kclone store, is corrupt, or has a newer schema (the file is left untouched);
   * ServiceUnavailableError when another process keeps it locked past the busy timeout.
   */
  static open(path: string, options: SqliteStoreOptions = {}): SqliteStore {
    return new SqliteStore(path, options);
  }

  private constructor(path: string, options: SqliteStoreOptions) {
    this.#path = path;
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
    this.#db = openDatabase(path, {
      busyTimeoutMs: this.#busyTimeoutMs,
      synchronous: options.synchronous ?? "NORMAL",
    });
    ensurePodFactsIndex(this.#db);
    this.#statements = prepareStatements(this.#db);
    this.#facts = new PodFactsQueries(this.#db);
    this.#writer = new SqliteWriter(this.#db, {
      statements: this.#statements,
      clock: options.clock ?? systemClock,
      keepRevisions: options.keepRevisions ?? 10_000,
      horizon: () => this.#feed.horizon,
      translate: this.#translate,
    });
    this.#feed = new ChangeFeed(this.#statements, {
      intervalMs: options.pollIntervalMs ?? 5,
      snapshot: (read) => this.#writer.snapshot(read),
      translate: this.#translate,
    });
  }

  /** The database file. */
  get path(): string {
    return this.#path;
  }

  /** One object, or undefined. */
  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): Promise<
    KindMap[K] | undefined
  > {
    return this.#run(() => {
      const at = addressOf(kind, namespace, name);
      const row = this.#statements.getCurrent.get(at.kind, at.namespace, at.name);
      return row ? JSON.parse(String(row.value)) : undefined;
    });
  }

  /** Objects of a kind that match the options, one page in key order (namespace, name), in one snapshot. */
  list<K extends Kind>(kind: K, options: ListOptions = {}): Promise<ListResult<KindMap[K]>> {
    return this.#run(() =>
      this.#writer.snapshot(() => {
        const node = boundNode(kind, options);
        return (node === undefined
          ? readList(this.#statements, kind, options)
          : readPodsOnNode(this.#statements, this.#facts, node, options)) as ListResult<KindMap[K]>;
      })
    );
  }

  /** How many objects of a kind share each combination of values at `paths`; pod facts come from their index. */
  tally(kind: Kind, paths: string[]): Promise<TallyResult> {
    return this.#run(() =>
      this.#writer.snapshot(() => {
        const groups = this.#facts.tally(kind, paths);
        return { groups, resourceVersion: String(readCounters(this.#statements).revision) };
      })
    );
  }

  /** Stores a new object; AlreadyExists on a taken name. */
  create<T extends AnyObject>(object: T): Promise<T> {
    return this.#run(() => this.#write((ctx) => createObject(ctx, object)));
  }

  /** Replaces an object; Conflict on a stale resourceVersion, NotFound when absent. */
  update<T extends AnyObject>(object: T): Promise<T> {
    return this.#run(() => this.#write((ctx) => updateObject(ctx, object)));
  }

  /** Removes an object and returns its last state; NotFound when absent. */
  delete(
    kind: Kind,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): Promise<AnyObject> {
    return this.#run(() => this.#write((ctx) => deleteObject(ctx, kind, namespace, name, options)));
  }

  /** All operations in one transaction, or none. */
  batch(operations: BatchOperation[]): Promise<AnyObject[]> {
    return this.#run(() =>
      this.#write((ctx) => operations.map((operation) => applyOperation(ctx, operation)))
    );
  }

  /** Changes after options.resourceVersion (now when absent), then live ones from every process. */
  watch(kind: Kind, options: WatchOptions = {}): AsyncIterable<WatchEvent> {
    let subscriber: FeedSubscriber | undefined;
    const channel = new WatchChannel(
      () => subscriber && this.#feed.unsubscribe(subscriber),
      options.signal,
    );
    try {
      this.#check();
      const after = options.resourceVersion
        ? parseRevision(options.resourceVersion)
        : readCounters(this.#statements).revision;
      subscriber = watchSubscriber(kind, after, options, channel);
      if (!channel.closed) this.#feed.subscribe(subscriber);
    } catch (error) {
      channel.close(this.#translate(error));
    }
    return channel;
  }

  /** The change log of every kind after `revision`, in one snapshot. */
  changes(revision: number, options: ChangesOptions = {}): Promise<ChangePage> {
    return this.#run(() =>
      this.#writer.snapshot(() =>
        readChanges(this.#statements, revision, {
          limit: options.limit ?? 10_000,
          previous: options.previous,
        })
      )
    );
  }

  /** The last revision written by any process. */
  revision(): Promise<number> {
    return this.#run(() => readCounters(this.#statements).revision);
  }

  /** Forgets superseded log rows at or below `revision` (at most the current one). */
  compact(revision: number): Promise<void> {
    return this.#run(() => {
      this.#feed.poll(true);
      this.#writer.transaction((counters) =>
        compactLog(this.#statements, counters, Math.min(revision, counters.revision))
      );
    });
  }

  /** Every object, by kind (in KINDS order), namespace and name, and the revision. */
  dump(): Promise<StoreDump> {
    return this.#run(() =>
      this.#writer.snapshot(() => {
        const { revision } = readCounters(this.#statements);
        const objects: AnyObject[] = [];
        for (const { kind } of KINDS) {
          for (const row of this.#statements.listKind.iterate(kind)) {
            objects.push(JSON.parse((row as unknown as [string])[0]));
          }
        }
        return { objects, revision };
      })
    );
  }

  /** Replaces everything in one transaction; watches of every process end with Gone. */
  restore(objects: AnyObject[]): Promise<void> {
    return this.#run(() => {
      this.#writer.transaction((counters) =>
        restoreObjects(this.#statements, counters, objects, () => {
          this.#db.exec("DELETE FROM current; DELETE FROM log;");
        })
      );
      this.#feed.poll(true);
    });
  }

  /** Ends every watch and closes the file. */
  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#feed.close();
      this.#db.close();
    }
    return Promise.resolve();
  }

  #run<T>(work: () => T): Promise<T> {
    try {
      this.#check();
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(this.#translate(error));
    }
  }

  #check(): void {
    if (this.#closed) throw new Error(`the store ${this.#path} is closed`);
  }

  /** Writes at the next revisions, compacts when due, and tells this process's watches. */
  #write<T>(work: (ctx: WriteContext) => T): T {
    const result = this.#writer.write(work);
    this.#feed.poll(true);
    return result;
  }
}
