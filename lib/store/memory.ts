import { GoneError } from "../api/errors.ts";
import type { AnyObject, Kind, KindMap } from "../api/types.ts";
import { type Clock, systemClock } from "../api/clock.ts";
import { compileFilter } from "./_filter.ts";
import {
  alreadyExists,
  byNamespaceAndName,
  checkPrecondition,
  frozenCopy,
  keyOf,
  notFound,
  objectKey,
  prepareCreate,
  prepareDeleted,
  prepareUpdate,
  sortForDump,
} from "./_object.ts";
import { pageOf } from "./_list_page.ts";
import { deliver, firstAfter, type LogEntry, type Watcher } from "./_memory_log.ts";
import { MemoryObjects } from "./_memory_objects.ts";
import { WatchChannel } from "./_watch_channel.ts";
import { tallyList } from "./_tally.ts";
import type {
  BatchOperation,
  Change,
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

/** Options of the memory store. */
export interface MemoryStoreOptions {
  /** Source of creationTimestamp. */
  clock?: Clock;
  /** Change-log entries kept for watches that resume; older ones are compacted (default 10,000). */
  historySize?: number;
}

/**
 * A Store held in memory: the default without a database, and the reference for the contract.
 * Objects handed out (get, list, changes, watch, the results of writes) are the store's own,
 * deeply frozen: changing one throws instead of changing the store. Objects given to it are
 * copied first, so callers keep theirs.
 */
export class MemoryStore implements Store {
  #objects = new MemoryObjects();
  #log: LogEntry[] = [];
  #revision = 0;
  #compacted = 0;
  #watchers = new Set<Watcher>();
  #clock: Clock;
  #historySize: number;
  #undo: Map<string, [kind: string, before: AnyObject | undefined]> | undefined;

  /** Makes an empty store. */
  constructor(options: MemoryStoreOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#historySize = options.historySize ?? 10_000;
  }

  /** One object, or undefined. */
  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): Promise<
    KindMap[K] | undefined
  > {
    return Promise.resolve(
      this.#objects.get(objectKey(kind, namespace, name)) as
        | KindMap[K]
        | undefined,
    );
  }

  /** Objects of a kind that match the options, in key order (namespace, name), one page of them. */
  list<K extends Kind>(kind: K, options: ListOptions = {}): Promise<ListResult<KindMap[K]>> {
    return this.#run(() => {
      const filter = compileFilter(kind, options);
      const items: AnyObject[] = [];
      for (const object of this.#objects.ofKind(kind)) {
        if (filter(object)) items.push(object);
      }
      const page = pageOf(kind, items.sort(byNamespaceAndName), options);
      return {
        ...page,
        items: page.items as KindMap[K][],
        resourceVersion: String(this.#revision),
      };
    });
  }

  /** How many objects of a kind share each combination of values at `paths`, from a list. */
  tally(kind: Kind, paths: string[]): Promise<TallyResult> {
    return tallyList((k) => this.list(k), kind, paths);
  }

  /** Stores a new object. */
  create<T extends AnyObject>(object: T): Promise<T> {
    return this.#run(() => this.#create(object));
  }

  /** Replaces an object, checking its resourceVersion. */
  update<T extends AnyObject>(object: T): Promise<T> {
    return this.#run(() => this.#update(object));
  }

  /** Removes an object. */
  delete(
    kind: Kind,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): Promise<AnyObject> {
    return this.#run(() => this.#delete(kind, namespace, name, options));
  }

  /** All operations or none; watchers see the changes only once all have succeeded. */
  batch(operations: BatchOperation[]): Promise<AnyObject[]> {
    return this.#run(() => {
      const revision = this.#revision, logLength = this.#log.length;
      const previous = new Map<string, [string, AnyObject | undefined]>();
      this.#undo = previous;
      try {
        return operations.map((op) =>
          op.op === "create"
            ? this.#create(op.object)
            : op.op === "update"
            ? this.#update(op.object)
            : this.#delete(op.kind, op.namespace, op.name, { resourceVersion: op.resourceVersion })
        );
      } catch (error) {
        for (const [key, [kind, before]] of previous) {
          if (before) this.#objects.put(before);
          else this.#objects.remove(key, kind);
        }
        this.#revision = revision;
        this.#log.length = logLength;
        throw error;
      } finally {
        this.#undo = undefined;
        this.#publish(this.#log.slice(logLength));
      }
    });
  }

  /** Changes after options.resourceVersion, then live changes. */
  watch(kind: Kind, options: WatchOptions = {}): AsyncIterable<WatchEvent> {
    const from = options.resourceVersion ? Number(options.resourceVersion) : this.#revision;
    const watcher = {} as Watcher;
    const channel = new WatchChannel(() => this.#watchers.delete(watcher), options.signal);
    Object.assign(watcher, { kind, channel });
    try {
      watcher.filter = compileFilter(kind, options);
      if (from < this.#compacted) {
        throw new GoneError(`too old resource version: ${from} (${this.#compacted})`);
      }
    } catch (error) {
      channel.close(error);
      return channel;
    }
    for (const entry of this.#log) {
      if (entry.revision > from) deliver(watcher, entry);
    }
    if (!channel.closed) this.#watchers.add(watcher);
    return channel;
  }

  /** The change log of every kind after `revision`. */
  changes(revision: number, options: ChangesOptions = {}): Promise<ChangePage> {
    if (revision < this.#compacted) {
      return Promise.reject(
        new GoneError(`too old resource version: ${revision} (${this.#compacted})`),
      );
    }
    const limit = options.limit ?? 10_000;
    const start = firstAfter(this.#log, revision);
    const page = this.#log.slice(start, start + limit);
    const changes: Change[] = page.map((e) =>
      options.previous && e.previous
        ? { revision: e.revision, type: e.type, object: e.object, previous: e.previous }
        : { revision: e.revision, type: e.type, object: e.object }
    );
    const last = page.length === limit ? page[page.length - 1].revision : this.#revision;
    return Promise.resolve({ changes, revision: last });
  }

  /** The current revision. */
  revision(): Promise<number> {
    return Promise.resolve(this.#revision);
  }

  /** Forgets log entries at or below `revision`. */
  compact(revision: number): Promise<void> {
    this.#compacted = Math.max(this.#compacted, Math.min(revision, this.#revision));
    const keep = this.#log.findIndex((e) => e.revision > this.#compacted);
    this.#log = keep < 0 ? [] : this.#log.slice(keep);
    return Promise.resolve();
  }

  /** Every object, ordered by kind, namespace, name. */
  dump(): Promise<StoreDump> {
    const objects = [...this.#objects.values()];
    return Promise.resolve({ objects: sortForDump(objects), revision: this.#revision });
  }

  /** Replaces everything; the revision continues above the highest loaded. */
  restore(objects: AnyObject[]): Promise<void> {
    for (const watcher of [...this.#watchers]) {
      watcher.channel.close(new GoneError("the store was restored from a snapshot; list again"));
    }
    this.#objects.clear();
    let highest = this.#revision;
    for (const object of objects) {
      this.#objects.put(frozenCopy(object));
      highest = Math.max(highest, Number(object.metadata.resourceVersion ?? 0));
    }
    this.#revision = highest;
    this.#log = [];
    this.#compacted = highest;
    return Promise.resolve();
  }

  /** Ends every watch. */
  close(): Promise<void> {
    for (const watcher of [...this.#watchers]) watcher.channel.close();
    return Promise.resolve();
  }

  #run<T>(write: () => T): Promise<T> {
    try {
      return Promise.resolve(write());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #create<T extends AnyObject>(object: T): T {
    if (this.#objects.has(keyOf(object))) throw alreadyExists(object);
    const created = frozenCopy(prepareCreate(object, this.#revision + 1, this.#clock.now()));
    this.#record("ADDED", created);
    return created;
  }

  #update<T extends AnyObject>(object: T): T {
    const current = this.#objects.get(keyOf(object));
    if (!current) throw notFound(object.kind, object.metadata.name ?? "");
    const updated = frozenCopy(prepareUpdate(current, object, this.#revision + 1));
    this.#record("MODIFIED", updated);
    return updated;
  }

  #delete(kind: Kind, namespace: string | undefined, name: string, options: DeleteOptions) {
    const key = objectKey(kind, namespace, name);
    const current = this.#objects.get(key);
    if (!current) throw notFound(kind, name);
    checkPrecondition(current, options.resourceVersion);
    this.#record("DELETED", frozenCopy(prepareDeleted(current, this.#revision + 1)));
    return current;
  }

  #record(type: "ADDED" | "MODIFIED" | "DELETED", object: AnyObject): void {
    const key = keyOf(object);
    if (this.#undo && !this.#undo.has(key)) {
      this.#undo.set(key, [object.kind, this.#objects.get(key)]);
    }
    const previous = type === "MODIFIED" ? this.#objects.get(key) : undefined;
    this.#revision += 1;
    if (type === "DELETED") this.#objects.remove(key, object.kind);
    else this.#objects.put(object);
    this.#log.push({ revision: this.#revision, kind: object.kind, type, object, previous });
    if (!this.#undo) this.#publish(this.#log.slice(-1));
  }

  /** Tells watchers about committed entries and trims the history. */
  #publish(entries: LogEntry[]): void {
    for (const entry of entries) {
      for (const watcher of this.#watchers) deliver(watcher, entry);
    }
    if (this.#log.length > this.#historySize * 1.1) {
      this.#compacted = this.#log[this.#log.length - this.#historySize - 1].revision;
      this.#log = this.#log.slice(-this.#historySize);
    }
  }
}
