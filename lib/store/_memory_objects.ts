/**
 * The memory store's table of current objects, by key and by kind. Private to lib/store.
 *
 * @module
 */
import type { AnyObject } from "../api/types.ts";
import { keyOf } from "./_object.ts";

/**
 * Deeply frozen objects, handed out as they are (no parse, no copy): readers share them (the
 * informer cache too), and nobody can change what the store holds through them.
 */
export class MemoryObjects {
  #objects = new Map<string, AnyObject>();
  #byKind = new Map<string, Set<string>>();

  /** The object at a key (see objectKey), or undefined. */
  get(key: string): AnyObject | undefined {
    return this.#objects.get(key);
  }

  /** Whether an object is at a key. */
  has(key: string): boolean {
    return this.#objects.has(key);
  }

  /** The objects of a kind, in no particular order. */
  *ofKind(kind: string): Iterable<AnyObject> {
    for (const key of this.#byKind.get(kind) ?? []) yield this.#objects.get(key)!;
  }

  /** Every object, in no particular order. */
  values(): Iterable<AnyObject> {
    return this.#objects.values();
  }

  /** Keeps an object at its key, replacing the one there. */
  put(object: AnyObject): void {
    const key = keyOf(object);
    this.#objects.set(key, object);
    let keys = this.#byKind.get(object.kind);
    if (!keys) this.#byKind.set(object.kind, keys = new Set());
    keys.add(key);
  }

  /** Forgets the object at a key, of a kind. */
  remove(key: string, kind: string): void {
    this.#objects.delete(key);
    this.#byKind.get(kind)?.delete(key);
  }

  /** Forgets every object. */
  clear(): void {
    this.#objects.clear();
    this.#byKind.clear();
  }
}
