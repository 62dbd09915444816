import type { Clock } from "../../../lib/api/clock.ts";
import type { ProberTimers } from "../../../lib/agent/probes/mod.ts";

/** A fake clock with timers on it: time moves only through advance(). */
export class FakeTimers implements Clock, ProberTimers {
  #now: number;
  #next = 1;
  #pending = new Map<number, { at: number; fn: () => void }>();

  constructor(start: number) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#pending.set(id, { at: this.#now + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#pending.delete(handle as number);
  }

  /** Timers still pending. */
  get pending(): number {
    return this.#pending.size;
  }

  /** Moves time forward by `ms`, firing each timer at its time and letting promises settle. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    await settle();
    for (;;) {
      const due = [...this.#pending].filter(([, t]) => t.at <= end).sort((a, b) =>
        a[1].at - b[1].at
      );
      if (due.length === 0) break;
      const [id, timer] = due[0];
      this.#pending.delete(id);
      this.#now = Math.max(this.#now, timer.at);
      timer.fn();
      await settle();
    }
    this.#now = end;
  }
}

/** Lets chains of already-resolved promises run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
