import type { WatchEvent } from "./store.ts";

/**
 * A push-based queue that a watch consumer iterates. Producers push events synchronously; the
 * consumer awaits them. Ends on close(), on an error, or when the consumer stops iterating.
 */
export class WatchChannel implements AsyncIterable<WatchEvent> {
  #queue: WatchEvent[] = [];
  #waiting: ((result: IteratorResult<WatchEvent>) => void) | undefined;
  #failWaiting: ((error: unknown) => void) | undefined;
  #closed = false;
  #error: unknown;
  #onClose: () => void;

  /** `onClose` runs once, when the channel ends for any reason (to unregister the watcher). */
  constructor(onClose: () => void = () => {}, signal?: AbortSignal) {
    this.#onClose = onClose;
    if (signal?.aborted) this.close();
    else signal?.addEventListener("abort", () => this.close(), { once: true });
  }

  /** True once the channel has ended. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Delivers an event (dropped after close). */
  push(event: WatchEvent): void {
    if (this.#closed) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = this.#failWaiting = undefined;
      resolve({ value: event, done: false });
    } else {
      this.#queue.push(event);
    }
  }

  /** Ends the channel; with an error, the consumer's next read throws it (after queued events). */
  close(error?: unknown): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#error = error;
    this.#onClose();
    if (this.#waiting) {
      const resolve = this.#waiting, reject = this.#failWaiting!;
      this.#waiting = this.#failWaiting = undefined;
      if (error !== undefined) reject(error);
      else resolve({ value: undefined, done: true });
    }
  }

  /** The consumer's side. */
  [Symbol.asyncIterator](): AsyncIterator<WatchEvent> {
    return {
      next: () => {
        const event = this.#queue.shift();
        if (event) return Promise.resolve({ value: event, done: false });
        if (this.#closed) {
          const error = this.#error;
          this.#error = undefined;
          return error !== undefined
            ? Promise.reject(error)
            : Promise.resolve({ value: undefined, done: true });
        }
        return new Promise((resolve, reject) => {
          this.#waiting = resolve;
          this.#failWaiting = reject;
        });
      },
      return: () => {
        this.close();
        this.#queue = [];
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
