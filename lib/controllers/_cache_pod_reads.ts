/**
 * The informer cache's reading of pods on demand (after resume()): whether it reads them so,
 * which nodes' pods it has read, and until which revision a change may concern a pod it never
 * read. Private to lib/controllers.
 *
 * @module
 */
import type { Pod } from "../api/types.ts";
import { revisionOf } from "./_cache_changes.ts";
import { type CacheIndex, cacheKey } from "./_cache_index.ts";

/** What a cache knows of the pods it has read on demand. */
export class PodReads {
  #index: CacheIndex;
  #partial = false;
  /** Until the cache reaches this revision, a change may concern a pod it never read. */
  #unknownUntil = -1;
  #nodesRead = new Set<string>();

  /** Pod reads kept in `index`; all pods count as read until begin(). */
  constructor(index: CacheIndex) {
    this.#index = index;
  }

  /** True while the cache reads pods on demand. */
  get partial(): boolean {
    return this.#partial;
  }

  /** Starts reading pods on demand. */
  begin(): void {
    this.#partial = true;
  }

  /** Whether the pods bound to a node have been read. */
  hasNode(nodeName: string): boolean {
    return this.#nodesRead.has(nodeName);
  }

  /** Notes that the pods bound to a node have been read. */
  addNode(nodeName: string): void {
    this.#nodesRead.add(nodeName);
  }

  /**
   * Keeps pods listed at revision `listedAt`, unless known already or newer than the cache's
   * `revision`: a pod listed newer than the cache is left to its change, which the sync brings.
   */
  adopt(pods: Pod[], listedAt: number, revision: number): void {
    for (const pod of pods) {
      const held = this.#index.get(pod.kind, cacheKey(pod.metadata.namespace, pod.metadata.name));
      if (!held && revisionOf(pod) <= revision) this.#index.put(pod);
    }
    this.#unknownUntil = Math.max(this.#unknownUntil, listedAt);
  }

  /** Every pod has been read: stops reading pods on demand. */
  complete(): void {
    this.#partial = false;
    this.#nodesRead.clear();
  }

  /** Whether a change at `revision` may concern a pod the cache never read. */
  mayMiss(revision: number): boolean {
    return this.#partial || revision <= this.#unknownUntil;
  }

  /** Throws while pods are read on demand: the cache cannot do `what` then. */
  check(what: string): void {
    if (this.#partial) {
      throw new Error(`the cache reads pods on demand: completePods() before it can ${what}`);
    }
  }
}
