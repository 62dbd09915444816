import type { Clock } from "../api/clock.ts";
import type { Store } from "../store/store.ts";
import type { CacheEvent, ClusterCache } from "./cluster_cache.ts";
import type { EventRecorder } from "./event_recorder.ts";

/** What a reconciler works with: the store to write to, the cache to read from, the clock. */
export interface ControllerContext {
  /** Where decisions are written (never the cache). */
  store: Store;
  /** The informer cache, for reading desired and observed state. */
  cache: ClusterCache;
  /** The injected clock. */
  clock: Clock;
  /** Records Events on objects. */
  events: EventRecorder;
}

/** What a reconcile asks for afterwards. */
export interface ReconcileResult {
  /** Look at this key again after this many milliseconds of clock time. */
  requeueAfterMs?: number;
}

/**
 * A controller in the Kubernetes pattern: event handlers map cache changes to keys; a level-based
 * reconcile(key) reads the cache, computes the difference, writes the smallest change. Safe to
 * run twice, or in two processes at once.
 */
export interface Controller {
  /** Name in logs and events, e.g. `replicaset-controller`. */
  readonly name: string;
  /** The keys to reconcile after a cache change (may be none). */
  keysFor(event: CacheEvent, cache: ClusterCache): string[];
  /** Brings one key to its desired state. A missing object means done. */
  reconcile(key: string, context: ControllerContext): Promise<ReconcileResult | void>;
  /** Keys to look at when the control plane starts (defaults to none: the initial sync's events enqueue). */
  initialKeys?(cache: ClusterCache): string[];
  /**
   * True when reconcile reads pods only with the cache's on-demand reads (loadPodsOnNode(), or
   * get() of the pod whose event brought the key), or none. When the control plane resumed from
   * a checkpoint, it reads every pod before it runs a controller without this.
   */
  readonly podsOnDemand?: boolean;
  /**
   * Rebuilds what the controller keeps in memory, when the control plane resumes from a
   * checkpoint instead of listing everything: the cache then holds every kind but pods, and
   * the changes since the checkpoint follow as events.
   */
  resume?(context: ControllerContext): Promise<void>;
}

/** `namespace/name`, the key of a namespaced object; `name` for a cluster-scoped one. */
export function objectKeyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** Splits a key made by objectKeyOf. */
export function splitKey(key: string): { namespace?: string; name: string } {
  const slash = key.indexOf("/");
  return slash < 0 ? { name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
