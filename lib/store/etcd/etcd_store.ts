import { GoneError } from "../../api/errors.ts";
import { type Clock, systemClock } from "../../api/clock.ts";
import { isKind } from "../../api/kinds.ts";
import type { AnyObject, Kind, KindMap } from "../../api/types.ts";
import { compileFilter } from "../_filter.ts";
import { byNamespaceAndName, namespaceOf, sortForDump } from "../_object.ts";
import { StoreOpenError } from "../_sqlite_errors.ts";
import { WatchChannel } from "../_watch_channel.ts";
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
} from "../store.ts";
import { ChangeFeed } from "./_change_feed.ts";
import { readChanges } from "./_changes.ts";
import { EtcdClient } from "./_client.ts";
import { decodeObject } from "./_codec.ts";
import { REGISTRY, registryKey, registryPrefix } from "./_keys.ts";
import { listPage } from "./_list.ts";
import { currentRevision, getKeyValue, rangePrefix } from "./_range.ts";
import { compactAt, restoreObjects } from "./_restore.ts";
import { type RunningWatch, startWatch } from "./_watch.ts";
import { applyBatch, createAt } from "./_writes.ts";
import { tallyList } from "../_tally.ts";

/** Options of the etcd store. */
export interface EtcdStoreOptions {
  /** How long one request may take before the member counts as unavailable (default 10,000 ms). */
  requestTimeoutMs?: number;
  /** Source of creationTimestamp. */
  clock?: Clock;
}

/**
 * A Store on etcd, laid out as Kubernetes lays it out (`/registry/pods/default/web`), through
 * etcd's v3 JSON gateway. resourceVersion is etcd's mod_revision; creates and updates are
 * transactions that compare revisions; a batch is one transaction (its writes share one
 * revision); watches resume after a dropped connection from the last revision they delivered.
 * Unreachable etcd: StoreOpenError at open, ServiceUnavailableError (503) afterwards.
 *
 * @example
 * ```ts ignore
 * import { EtcdStore } from "@kclone/kclone";
 * const store = await EtcdStore.open(["http://127.0.0.1:2379"]);
 * await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
 * console.log((await store.list("Namespace")).items.length); // 1
 * await store.close();
 * ```
 */
export class EtcdStore implements Store {
  #client: EtcdClient;
  #feed: ChangeFeed;
  #clock: Clock;
  #watches = new Set<RunningWatch>();
  #closed = false;

  /**
   * Connects to the members at `urls` (one is enough; the others are tried when it fails).
   * StoreOpenError naming the URLs when none answers.
   */
  static async open(urls: string[], options: EtcdStoreOptions = {}): Promise<EtcdStore> {
    const name = urls.join(",");
    if (urls.length === 0) throw new StoreOpenError("etcd", "no etcd URL given");
    for (const url of urls) {
      if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
        throw new StoreOpenError(name, `${url} is not an http:// or https:// URL`);
      }
    }
    const store = new EtcdStore(urls, options);
    try {
      await currentRevision(store.#client);
    } catch (error) {
      throw new StoreOpenError(name, (error as Error).message);
    }
    return store;
  }

  private constructor(urls: string[], options: EtcdStoreOptions) {
    const timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#client = new EtcdClient(urls, timeoutMs);
    this.#feed = new ChangeFeed(this.#client, timeoutMs);
    this.#clock = options.clock ?? systemClock;
  }

  /** The members' URLs. */
  get urls(): readonly string[] {
    return this.#client.urls;
  }

  /** One object, or undefined. */
  async get<K extends Kind>(kind: K, namespace: string | undefined, name: string): Promise<
    KindMap[K] | undefined
  > {
    this.#check();
    const kv = await getKeyValue(this.#client, registryKey(kind, namespace, name));
    return kv ? decodeObject(kv) as KindMap[K] : undefined;
  }

  /** Objects of a kind that match the options, one page in key order (namespace, name), at one revision. */
  async list<K extends Kind>(kind: K, options: ListOptions = {}): Promise<ListResult<KindMap[K]>> {
    this.#check();
    if ((options.limit ?? 0) > 0 || options.after !== undefined) {
      return await listPage(this.#client, kind, options) as ListResult<KindMap[K]>;
    }
    const filter = compileFilter(kind, options);
    const { kvs, revision } = await rangePrefix(
      this.#client,
      registryPrefix(kind, options.namespace),
    );
    const items = kvs.map(decodeObject).filter(filter).sort(byNamespaceAndName);
    return { items: items as KindMap[K][], resourceVersion: String(revision) };
  }

  /** How many objects of a kind share each combination of values at `paths`, from a list. */
  tally(kind: Kind, paths: string[]): Promise<TallyResult> {
    return tallyList((k) => this.list(k), kind, paths);
  }

  /** Stores a new object; AlreadyExists on a taken name. */
  async create<T extends AnyObject>(object: T): Promise<T> {
    this.#check();
    const key = registryKey(object.kind, namespaceOf(object), object.metadata.name ?? "");
    return await createAt(this.#client, key, object, this.#clock.now());
  }

  /** Replaces an object; Conflict on a stale resourceVersion, NotFound when absent. */
  async update<T extends AnyObject>(object: T): Promise<T> {
    const [updated] = await this.batch([{ op: "update", object }]);
    return updated as T;
  }

  /** Removes an object and returns its last state; NotFound when absent. */
  async delete(
    kind: Kind,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): Promise<AnyObject> {
    const operation = { op: "delete" as const, kind, namespace, name, ...options };
    const [deleted] = await this.batch([operation]);
    return deleted;
  }

  /** All operations in one etcd transaction (one revision for all of them), or none. */
  async batch(operations: BatchOperation[]): Promise<AnyObject[]> {
    this.#check();
    return await applyBatch(this.#client, operations, () => this.#clock.now());
  }

  /** Changes after options.resourceVersion (now when absent), then live ones from every client. */
  watch(kind: Kind, options: WatchOptions = {}): AsyncIterable<WatchEvent> {
    if (this.#closed) {
      const channel = new WatchChannel();
      channel.close(this.#closedError());
      return channel;
    }
    const running: RunningWatch = startWatch(
      this.#client,
      kind,
      options,
      () => this.#watches.delete(running),
    );
    if (!running.channel.closed) this.#watches.add(running);
    return running.channel;
  }

  /**
   * The change log of every kind after `revision`, from this store's change feed (a watch of
   * every key, started by the first call), or from a one-off watch for older revisions.
   */
  async changes(revision: number, options: ChangesOptions = {}): Promise<ChangePage> {
    this.#check();
    const limit = options.limit ?? 10_000;
    const current = await currentRevision(this.#client);
    if (revision >= current) return { changes: [], revision: current };
    const previous = options.previous ?? false;
    if (this.#feed.serves(revision)) {
      return await this.#feed.page(revision, { limit, current, previous });
    }
    return await readChanges(this.#client, revision, { limit, current, previous });
  }

  /** etcd's current revision. */
  async revision(): Promise<number> {
    this.#check();
    return await currentRevision(this.#client);
  }

  /** Compacts etcd's history at or below `revision` (at most the current one). */
  async compact(revision: number): Promise<void> {
    this.#check();
    await compactAt(this.#client, revision);
  }

  /** Every object under /registry/, by kind (in KINDS order), namespace and name. */
  async dump(): Promise<StoreDump> {
    this.#check();
    const { kvs, revision } = await rangePrefix(this.#client, REGISTRY);
    const objects = kvs.map(decodeObject).filter((object) => isKind(object.kind));
    return { objects: sortForDump(objects), revision };
  }

  /**
   * Replaces every object, each keeping its resourceVersion; this store's watches end with Gone.
   * etcd moves its revision one write at a time, so restoring objects with resourceVersions far
   * above etcd's revision takes a write per revision (about 7,000 a second on loopback).
   */
  async restore(objects: AnyObject[]): Promise<void> {
    this.#check();
    for (const { channel } of [...this.#watches]) {
      channel.close(new GoneError("the store was restored from a snapshot; list again"));
    }
    await restoreObjects(this.#client, objects);
  }

  /** Ends every watch. */
  async close(): Promise<void> {
    this.#closed = true;
    const running = [...this.#watches];
    for (const { channel } of running) channel.close();
    await Promise.all([...running.map(({ done }) => done), this.#feed.close()]);
  }

  #check(): void {
    if (this.#closed) throw this.#closedError();
  }

  #closedError(): Error {
    return new Error(`the store on etcd ${this.urls.join(",")} is closed`);
  }
}
