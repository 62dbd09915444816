/**
 * A work queue of keys, as client-go's: a key waiting is queued once however often it is added,
 * a key being processed is never handed out twice, and a key added while processing runs again
 * after. Delayed adds wait for the injected clock.
 */
export class WorkQueue {
  #queue: string[] = [];
  #queued = new Set<string>();
  #processing = new Set<string>();
  #dirty = new Set<string>();
  #delayed = new Map<string, number>();

  /** Adds a key now. */
  add(key: string): void {
    this.#delayed.delete(key);
    if (this.#processing.has(key)) {
      this.#dirty.add(key);
      return;
    }
    if (this.#queued.has(key)) return;
    this.#queued.add(key);
    this.#queue.push(key);
  }

  /** Adds a key once the clock reaches `at` (ms); an earlier pending time wins. */
  addAt(key: string, at: number): void {
    const pending = this.#delayed.get(key);
    if (pending === undefined || at < pending) this.#delayed.set(key, at);
  }

  /** Moves the delayed keys that are due at `now` into the queue. */
  promoteDue(now: number): void {
    for (const [key, at] of [...this.#delayed]) {
      if (at <= now) {
        this.#delayed.delete(key);
        this.add(key);
      }
    }
  }

  /** The earliest time a delayed key is due, if any. */
  nextDue(): number | undefined {
    let next: number | undefined;
    for (const at of this.#delayed.values()) if (next === undefined || at < next) next = at;
    return next;
  }

  /** Takes the next key, marking it as being processed; undefined when empty. */
  pop(): string | undefined {
    const key = this.#queue.shift();
    if (key === undefined) return undefined;
    this.#queued.delete(key);
    this.#processing.add(key);
    return key;
  }

  /** Marks a key as processed; re-queues it when it was added meanwhile. */
  done(key: string): void {
    this.#processing.delete(key);
    if (this.#dirty.delete(key)) this.add(key);
  }

  /** The delayed keys, each with the clock time (ms) it is due at. */
  delayed(): [key: string, at: number][] {
    return [...this.#delayed];
  }

  /** Keys waiting now (not delayed ones). */
  get length(): number {
    return this.#queue.length;
  }
}
