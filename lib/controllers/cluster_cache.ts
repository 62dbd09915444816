import { ApiError } from "../api/errors.ts";
import { KINDS } from "../api/kinds.ts";
import { type LabelRequirement, matchesLabels } from "../api/label_selector.ts";
import type { AnyObject, Kind, KindMap, Pod } from "../api/types.ts";
import type { Change, Store } from "../store/store.ts";
import { appliedEvent, collectChanges, replayedEvent, revisionOf } from "./_cache_changes.ts";
import { CacheIndex, cacheKey } from "./_cache_index.ts";
import { PodReads } from "./_cache_pod_reads.ts";

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

/**
 * The informer cache of every kind: a read-only copy of the store, kept current by pulling the
 * change log (list+watch in Kubernetes terms). Indexes pods by node and objects by owner. Objects
 * handed out are shared: callers copy before they change one.
 *
 * A cache that resumed from an earlier revision (resume()) holds every kind but pods, and reads
 * pods on demand (loadPodsOnNode(), loadUnboundPods(), completePods()); until then the pods it
 * has not read are not in get(), and list(), podsOnNode() and ownedBy() refuse to answer.
 */
export class ClusterCache {
  #store: Store;
  #kinds: Kind[];
  #index: CacheIndex;
  #listeners: CacheListener[] = [];
  #revision = -1;
  #pods: PodReads;
  #replay: Change[] = [];
  #replaying = false;

  /** A cache of `store` (of the kinds controllers read: all but Events by default); empty until sync(). */
  constructor(store: Store, options: ClusterCacheOptions = {}) {
    this.#store = store;
    this.#kinds = options.kinds ?? DEFAULT_KINDS;
    this.#index = new CacheIndex(this.#kinds);
    this.#pods = new PodReads(this.#index);
  }

  /** The store revision the cache has caught up to (-1 before the first sync). */
  get revision(): number {
    return this.#revision;
  }

  /** False while the cache reads pods on demand (after resume(), until completePods()). */
  get podsComplete(): boolean {
    return !this.#pods.partial;
  }

  /** Adds a listener for every change applied from now on. */
  onChange(listener: CacheListener): void {
    this.#listeners.push(listener);
  }

  /** One cached object (of pods read on demand: only the ones read). */
  get<K extends Kind>(
    kind: K,
    namespace: string | undefined,
    name: string,
  ): KindMap[K] | undefined {
    return this.#index.get(kind, cacheKey(namespace, name)) as KindMap[K] | undefined;
  }

  /** Cached objects of a kind, in no particular order. */
  list<K extends Kind>(kind: K, options: CacheListOptions = {}): KindMap[K][] {
    if (kind === "Pod") this.#pods.check("list the pods");
    const result: KindMap[K][] = [];
    for (const object of this.#index.objects(kind)) {
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
    if (kind === "Pod") this.#pods.check("count the pods");
    return this.#index.count(kind);
  }

  /** Pods bound to a node. */
  podsOnNode(nodeName: string): Pod[] {
    if (!this.#pods.hasNode(nodeName)) this.#pods.check(`list the pods on ${nodeName}`);
    return this.#index.podsOnNode(nodeName);
  }

  /** Objects whose ownerReferences name this uid. */
  ownedBy(uid: string): AnyObject[] {
    this.#pods.check("list dependents");
    return this.#index.ownedBy(uid);
  }

  /** Pods bound to a node, read from the store first when the cache reads pods on demand. */
  async loadPodsOnNode(nodeName: string): Promise<Pod[]> {
    if (this.#pods.partial && !this.#pods.hasNode(nodeName)) {
      await this.#read(`spec.nodeName=${nodeName}`);
      this.#pods.addNode(nodeName);
    }
    return this.#index.podsOnNode(nodeName);
  }

  /** Pods bound to no node, read from the store first when the cache reads pods on demand. */
  async loadUnboundPods(): Promise<Pod[]> {
    const listed = this.#pods.partial ? await this.#read("spec.nodeName=") : this.list("Pod");
    return listed.map((pod) => this.get("Pod", pod.metadata.namespace, pod.metadata.name!))
      .filter((pod): pod is Pod => pod !== undefined && !pod.spec.nodeName);
  }

  /** Reads every pod, when the cache reads pods on demand; list() and the rest answer again. */
  async completePods(): Promise<void> {
    if (!this.#pods.partial) return;
    await this.#complete();
    await this.sync();
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
        const previous = this.#pods.mayMiss(this.#revision + 1);
        const page = await this.#store.changes(this.#revision, { previous });
        for (const change of page.changes) {
          if (!this.#index.holds(change.object.kind)) continue;
          if (change.type === "DELETED" && this.#pods.partial) await this.#complete();
          applied += this.#apply(change) ? 1 : 0;
        }
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

  /**
   * Starts from `revision`, where an earlier cache left off with nothing to do, instead of a full
   * list: reads every kind but pods (telling no listener), and the changes since `revision`,
   * which replay() then tells. False, with the cache still empty, when the log no longer reaches
   * back that far.
   */
  async resume(revision: number): Promise<boolean> {
    if (this.#revision >= 0) throw new Error("resume() is for a cache that has not synced");
    const holds = (kind: string) => this.#index.holds(kind);
    try {
      const before = await collectChanges(this.#store, revision, holds);
      for (const kind of this.#kinds.filter((k) => k !== "Pod")) {
        for (const object of (await this.#store.list(kind)).items) {
          const held = this.#held(object);
          if (!held || revisionOf(held) < revisionOf(object)) this.#index.put(object);
        }
      }
      const after = await collectChanges(this.#store, before.revision, holds);
      this.#replay = [...before.changes, ...after.changes];
      this.#revision = after.revision;
    } catch (error) {
      if (!(error instanceof ApiError && error.reason === "Gone")) throw error;
      this.#index.clear();
      return false;
    }
    this.#pods.begin();
    this.#replaying = true;
    return true;
  }

  /**
   * Tells the listeners of the changes resume() found, in order, each as it happened (the cache
   * keeps the newest state it has read); returns how many.
   */
  async replay(): Promise<number> {
    const changes = this.#replay;
    this.#replay = [];
    for (const change of changes) {
      const { object } = change;
      if (change.type === "DELETED" && this.#pods.partial) await this.#complete();
      const held = this.#held(object);
      if (change.type === "DELETED") {
        if (held && revisionOf(held) <= change.revision) this.#index.remove(object);
      } else if (!held || revisionOf(held) < change.revision) {
        this.#index.put(object);
      }
      this.#emit(replayedEvent(change));
    }
    this.#replaying = false;
    return changes.length;
  }

  /** Reads the pods a field selector selects; returns them as listed. */
  async #read(fieldSelector: string): Promise<Pod[]> {
    const { items, resourceVersion } = await this.#store.list("Pod", { fieldSelector });
    this.#pods.adopt(items, Number(resourceVersion), this.#revision);
    if (!this.#replaying) await this.sync();
    return items;
  }

  async #complete(): Promise<void> {
    const { items, resourceVersion } = await this.#store.list("Pod");
    this.#pods.adopt(items, Number(resourceVersion), this.#revision);
    this.#pods.complete();
  }

  /** The state the cache holds of an object's key. */
  #held(object: AnyObject): AnyObject | undefined {
    return this.#index.get(object.kind, cacheKey(object.metadata.namespace, object.metadata.name));
  }

  async #relist(): Promise<number> {
    const revision = await this.#store.revision();
    let applied = 0;
    for (const info of KINDS.filter((k) => this.#index.holds(k.kind))) {
      const { items } = await this.#store.list(info.kind);
      const seen = new Set<string>();
      for (const object of items) {
        seen.add(cacheKey(object.metadata.namespace, object.metadata.name));
        const type = this.get(info.kind, object.metadata.namespace, object.metadata.name!)
          ? "MODIFIED"
          : "ADDED";
        const change = { revision: revisionOf(object), type, object } as const;
        applied += this.#apply(change) ? 1 : 0;
      }
      for (const [key, object] of this.#index.entries(info.kind)) {
        if (!seen.has(key)) {
          applied += this.#apply({ revision: revision, type: "DELETED", object }) ? 1 : 0;
        }
      }
    }
    this.#pods.complete();
    this.#revision = revision;
    return applied;
  }

  /** Applies one change unless the cache already holds a newer state; true when applied. */
  #apply(change: Change): boolean {
    const { object } = change;
    if (!this.#index.holds(object.kind)) return false;
    const held = this.#held(object);
    const unread = !held && object.kind === "Pod" && this.#pods.mayMiss(change.revision);
    const event = appliedEvent(change, held, unread);
    if (!event) return false;
    if (event.type === "DELETED") this.#index.remove(object);
    else this.#index.put(object);
    this.#emit(event);
    return true;
  }

  #emit(event: CacheEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
