/**
 * The informer cache's storage: objects by kind and key, with the indexes controllers read
 * (pods by node, objects by owner). Private to lib/controllers.
 *
 * @module
 */
import type { AnyObject, Kind, Pod } from "../api/types.ts";

/** `namespace/name`, the key of an object within its kind. */
export const cacheKey = (namespace: string | undefined, name: string | undefined): string =>
  `${namespace ?? ""}/${name ?? ""}`;

const indexKey = (object: AnyObject) =>
  `${object.kind}/${cacheKey(object.metadata.namespace, object.metadata.name)}`;

/** Objects of the cached kinds, indexed by node (pods) and by owner uid. */
export class CacheIndex {
  #objects = new Map<string, Map<string, AnyObject>>();
  #podsByNode = new Map<string, Map<string, Pod>>();
  #owned = new Map<string, Map<string, AnyObject>>();

  /** Storage for `kinds`; objects of other kinds are not kept. */
  constructor(kinds: readonly Kind[]) {
    for (const kind of kinds) this.#objects.set(kind, new Map());
  }

  /** Whether objects of this kind are kept. */
  holds(kind: string): boolean {
    return this.#objects.has(kind);
  }

  /** The kept object of a kind and key. */
  get(kind: string, key: string): AnyObject | undefined {
    return this.#objects.get(kind)?.get(key);
  }

  /** The kept objects of a kind. */
  objects(kind: string): Iterable<AnyObject> {
    return this.#objects.get(kind)?.values() ?? [];
  }

  /** Keys and objects of a kind, as a copy (safe to change the index while reading). */
  entries(kind: string): [string, AnyObject][] {
    return [...this.#objects.get(kind) ?? []];
  }

  /** How many objects of a kind are kept. */
  count(kind: string): number {
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

  /** Keeps an object (replacing its older state); returns that older state. */
  put(object: AnyObject): AnyObject | undefined {
    const objects = this.#objects.get(object.kind)!;
    const key = cacheKey(object.metadata.namespace, object.metadata.name);
    const old = objects.get(key);
    objects.set(key, object);
    if (old) this.#unindex(old);
    this.#index(object);
    return old;
  }

  /** Forgets an object; returns the state it had. */
  remove(object: AnyObject): AnyObject | undefined {
    const objects = this.#objects.get(object.kind)!;
    const key = cacheKey(object.metadata.namespace, object.metadata.name);
    const old = objects.get(key);
    if (!old) return undefined;
    objects.delete(key);
    this.#unindex(old);
    return old;
  }

  /** Forgets everything. */
  clear(): void {
    for (const objects of this.#objects.values()) objects.clear();
    this.#podsByNode.clear();
    this.#owned.clear();
  }

  #index(object: AnyObject): void {
    const key = indexKey(object);
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
    const key = indexKey(object);
    if (object.kind === "Pod" && (object as Pod).spec.nodeName) {
      this.#podsByNode.get((object as Pod).spec.nodeName!)?.delete(key);
    }
    for (const owner of object.metadata.ownerReferences ?? []) {
      this.#owned.get(owner.uid)?.delete(key);
    }
  }
}
