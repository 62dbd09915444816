import { ApiError } from "../api/errors.ts";
import { KINDS } from "../api/kinds.ts";
import { type LabelRequirement, matchesLabels } from "../api/label_selector.ts";
import type { AnyObject, Kind, KindMap, Pod } from "../api/types.ts";
import type { Change, Store } from "../store/store.ts";

/** A change the cache applied, as its listeners see it. */
export interface CacheEvent {
  /** What happened. */
  type: "ADDED" | "MODIFIED" | "DELETED";
  /** The object after the change (DELETED: its last state). */
  object: AnyObject;
  /** The object before a MODIFIED change. */
  old?: AnyObject;
}

/** Reacts to cache changes; only enqueues work (STYLE.md 8). */
export type CacheListener = (event: CacheEvent) => void;

/** Filters of ClusterCache.list. */
export interface CacheListOptions {
  /** Only this namespace. */
  namespace?: string;
  /** Only objects whose labels match. */
  selector?: LabelRequirement[];
}

/** Options of ClusterCache. */
export interface ClusterCacheOptions {
  /** The kinds to cache (default: every kind but Event and RangeAllocation, which no controller reads). */
  kinds?: Kind[];
}

const DEFAULT_KINDS: Kind[] = KINDS.map((k) => k.kind).filter((k) =>
  k !== "Event" && k !== "RangeAllocation"
);

const cacheKey = (namespace: string | undefined, name: string | undefined) =>
  `${namespace ?? ""}/${name ?? ""}`;

/**
 * The informer cache of every kind: a read-only copy of the store, kept current by pulling the
 * change log (list+watch in Kubernetes terms). Indexes pods by node and objects by owner. Objects
 * handed out are shared: callers copy before they change one.
 */
export class ClusterCache {
  #store: Store;
  #objects = new Map<string, Map<string, AnyObject>>();
  #podsByNode = new Map<string, Map<string, Pod>>();
  #owned = new Map<string, Map<string, AnyObject>>();
  #listeners: CacheListener[] = [];
  #revision = -1;

  /** A cache of `store` (of the kinds controllers read: all but Events by default); empty until sync(). */
  constructor(store: Store, options: ClusterCacheOptions = {}) {
    this.#store = store;
    for (const kind of options.kinds ?? DEFAULT_KINDS) this.#objects.set(kind, new Map());
  }

  /** The store revision the cache has caught up to (-1 before the first sync). */
  get revision(): number {
    return this.#revision;
  }

  /** Adds a listener for every change applied from now on. */
  onChange(listener: CacheListener): void {
    this.#listeners.push(listener);
  }

  /** One cached object. */
  get<K extends Kind>(
    kind: K,
    namespace: string | undefined,
    name: string,
  ): KindMap[K] | undefined {
    return this.#objects.get(kind)?.get(cacheKey(namespace, name)) as KindMap[K] | undefined;
  }

  /** Cached objects of a kind, in no particular order. */
  list<K extends Kind>(kind: K, options: CacheListOptions = {}): KindMap[K][] {
    const result: KindMap[K][] = [];
    for (const object of this.#objects.get(kind)?.values() ?? []) {
      if (options.namespace !== undefined && object.metadata.namespace !== options.namespace) {
        continue;
      }
      if (options.selector && !matchesLabels(options.selector, object.metadata.labels)) continue;
      result.push(object as KindMap[K]);
    }
    return result;
  }

  /** How many objects of a kind are cached. */
  count(kind: Kind): number {
    return this.#objects.get(kind)?.size ?? 0;
  }

  /** Pods bound to a node. */
  podsOnNode(nodeName: string): Pod[] {
    return [...this.#podsByNode.get(nodeName)?.values() ?? []];
  }

  /** Objects whose ownerReferences name this uid. */
  ownedBy(uid: string): AnyObject[] {
    return [...this.#owned.get(uid)?.values() ?? []];
  }

  /**
   * Catches up with the store: applies every change since the last sync and tells the listeners.
   * When the log was compacted past the cache (Gone), lists everything again.
   */
  async sync(): Promise<number> {
    if (this.#revision < 0) return await this.#relist();
    let applied = 0;
    try {
      for (;;) {
        const page = await this.#store.changes(this.#revision);
        for (const change of page.changes) applied += this.#apply(change) ? 1 : 0;
        this.#revision = page.revision;
        if (page.changes.length === 0 || page.revision >= await this.#store.revision()) break;
      }
    } catch (error) {
      if (error instanceof ApiError && error.reason === "Gone") {
        return applied + await this.#relist();
      }
      throw error;
    }
    return applied;
  }

  async #relist(): Promise<number> {
    const revision = await this.#store.revision();
    let applied = 0;
    for (const info of KINDS.filter((k) => this.#objects.has(k.kind))) {
      const { items } = await this.#store.list(info.kind);
      const seen = new Set<string>();
      for (const object of items) {
        seen.add(cacheKey(object.metadata.namespace, object.metadata.name));
        const type = this.get(info.kind, object.metadata.namespace, object.metadata.name!)
          ? "MODIFIED"
          : "ADDED";
        const change = { revision: Number(object.metadata.resourceVersion), type, object } as const;
        applied += this.#apply(change) ? 1 : 0;
      }
      for (const [key, object] of [...this.#objects.get(info.kind)!]) {
        if (!seen.has(key)) {
          applied += this.#apply({ revision: revision, type: "DELETED", object }) ? 1 : 0;
        }
      }
    }
    this.#revision = revision;
    return applied;
  }

  /** Applies one change unless the cache already holds a newer state; true when applied. */
  #apply(change: Change): boolean {
    const { object } = change;
    const objects = this.#objects.get(object.kind);
    if (!objects) return false;
    const key = cacheKey(object.metadata.namespace, object.metadata.name);
    const old = objects.get(key);
    if (old && Number(old.metadata.resourceVersion) >= change.revision) return false;
    if (change.type === "DELETED") {
      if (!old) return false;
      objects.delete(key);
      this.#unindex(old);
      this.#emit({ type: "DELETED", object });
      return true;
    }
    objects.set(key, object);
    if (old) this.#unindex(old);
    this.#index(object);
    this.#emit(old ? { type: "MODIFIED", object, old } : { type: "ADDED", object });
    return true;
  }

  #index(object: AnyObject): void {
    const key = `${object.kind}/${cacheKey(object.metadata.namespace, object.metadata.name)}`;
    if (object.kind === "Pod" && (object as Pod).spec.nodeName) {
      const node = (object as Pod).spec.nodeName!;
      if (!this.#podsByNode.has(node)) this.#podsByNode.set(node, new Map());
      this.#podsByNode.get(node)!.set(key, object as Pod);
    }
    for (const owner of object.metadata.ownerReferences ?? []) {
      if (!this.#owned.has(owner.uid)) this.#owned.set(owner.uid, new Map());
      this.#owned.get(owner.uid)!.set(key, object);
    }
  }

  #unindex(object: AnyObject): void {
    const key = `${object.kind}/${cacheKey(object.metadata.namespace, object.metadata.name)}`;
    if (object.kind === "Pod" && (object as Pod).spec.nodeName) {
      this.#podsByNode.get((object as Pod).spec.nodeName!)?.delete(key);
    }
    for (const owner of object.metadata.ownerReferences ?? []) {
      this.#owned.get(owner.uid)?.delete(key);
    }
  }

  #emit(event: CacheEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
