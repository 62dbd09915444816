import type { Clock } from "../api/clock.ts";
import { ApiError } from "../api/errors.ts";
import type { Store } from "../store/store.ts";
import { ClusterCache } from "./cluster_cache.ts";
import type { Controller, ControllerContext } from "./controller.ts";
import { EventRecorder } from "./event_recorder.ts";
import type { SettleCheckpoint } from "./settle_checkpoint.ts";
import { WorkQueue } from "./work_queue.ts";

/** Options of settle(). */
export interface SettleOptions {
  /** Rounds before settle gives up and reports that it did not converge (default 200). */
  maxRounds?: number;
  /** Called after every round, e.g. to check an invariant at each step of a rollout. */
  onRound?: (round: number) => void | Promise<void>;
  /** Ends the settle early, between two reconciles (a control loop stopping). */
  signal?: AbortSignal;
  /**
   * Where an earlier settle on the same store left off (checkpoint()): the first settle of this
   * control plane then starts from there, reading only what changed since, instead of listing
   * everything. Ignored when the store's log no longer reaches back to it.
   */
  resume?: SettleCheckpoint;
}

/** What settle() did. */
export interface SettleResult {
  /** True when nothing was left to do now (work due later on the clock does not count). */
  converged: boolean;
  /** Rounds run. */
  rounds: number;
  /** reconcile() calls made. */
  reconciles: number;
  /** The last error of each key still failing when settle stopped. */
  errors: string[];
}

/** One reconciler with its queue. */
interface Loop {
  controller: Controller;
  queue: WorkQueue;
}

/** Reconciles between cache syncs within one drain. */
const SYNC_EVERY = 20;

/** The API errors that mean "the cache was behind; look again" rather than a failure. */
const RETRYABLE = new Set(["Conflict", "AlreadyExists", "NotFound", "ServiceUnavailable"]);

/**
 * Runs controllers (and the scheduler, which is one) against a store, as kube-controller-manager
 * and kube-scheduler do: an informer cache fed by the change log, one work queue per controller,
 * level-based reconciles. settle() runs them to quiescence, deterministically and bounded.
 */
export class ControlPlane {
  #loops: Loop[];
  #cache: ClusterCache;
  #context: ControllerContext;
  #clock: Clock;
  #started = false;
  #checkpoint: SettleCheckpoint | undefined;

  /** Controllers run in the order given, each round. */
  constructor(store: Store, clock: Clock, controllers: Controller[]) {
    this.#clock = clock;
    this.#cache = new ClusterCache(store);
    this.#context = { store, cache: this.#cache, clock, events: new EventRecorder(store, clock) };
    this.#loops = controllers.map((controller) => ({ controller, queue: new WorkQueue() }));
    this.#cache.onChange((event) => {
      for (const { controller, queue } of this.#loops) {
        for (const key of controller.keysFor(event, this.#cache)) queue.add(key);
      }
    });
  }

  /** The informer cache. */
  get cache(): ClusterCache {
    return this.#cache;
  }

  /** True once the first settle has started (resume is then ignored). */
  get started(): boolean {
    return this.#started;
  }

  /**
   * Where the last settle left off, when it converged: what a later process needs to resume
   * from there (SettleOptions.resume). Undefined after a settle that did not converge, or whose
   * last attempt at some key failed (the next settle lists everything, and so tries it again).
   */
  checkpoint(): SettleCheckpoint | undefined {
    return this.#checkpoint;
  }

  /** The earliest clock time at which delayed work is due, if any. */
  nextDue(): number | undefined {
    const times = this.#loops.map((l) => l.queue.nextDue()).filter((t) => t !== undefined);
    return times.length > 0 ? Math.min(...times as number[]) : undefined;
  }

  /** Runs every controller until nothing is left to do now, at most maxRounds rounds. */
  async settle(options: SettleOptions = {}): Promise<SettleResult> {
    const maxRounds = options.maxRounds ?? 200;
    this.#checkpoint = undefined;
    await this.#startOnce(options.resume);
    await this.#cache.sync();
    const errors = new Map<string, string>();
    let reconciles = 0;
    for (let round = 1; round <= maxRounds; round++) {
      const now = this.#clock.now();
      for (const { queue } of this.#loops) queue.promoteDue(now);
      if (this.#loops.every((l) => l.queue.length === 0)) {
        // A key that failed for good is in no queue: only a full list finds it again.
        if (errors.size === 0) this.#checkpoint = this.#capture();
        return { converged: true, rounds: round - 1, reconciles, errors: [...errors.values()] };
      }
      for (const loop of this.#loops) {
        if (loop.queue.length > 0 && !loop.controller.podsOnDemand) {
          await this.#cache.completePods();
        }
        reconciles += await this.#drain(loop, errors, options.signal);
        await this.#cache.sync();
        if (options.signal?.aborted) {
          return { converged: false, rounds: round, reconciles, errors: [...errors.values()] };
        }
      }
      await options.onRound?.(round);
    }
    return { converged: false, rounds: maxRounds, reconciles, errors: [...errors.values()] };
  }

  /** Reconciles the keys waiting in one loop's queue; returns how many. */
  async #drain(
    { controller, queue }: Loop,
    errors: Map<string, string>,
    signal?: AbortSignal,
  ): Promise<number> {
    let count = 0;
    for (let n = queue.length; n > 0 && !signal?.aborted; n--) {
      const key = queue.pop();
      if (key === undefined) break;
      count++;
      const id = `${controller.name} ${key}`;
      try {
        const result = await controller.reconcile(key, this.#context);
        errors.delete(id);
        if (result?.requeueAfterMs !== undefined) {
          queue.addAt(key, this.#clock.now() + result.requeueAfterMs);
        }
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        errors.set(id, `${id}: ${error.message}`);
        if (RETRYABLE.has(error.reason)) queue.add(key);
      } finally {
        queue.done(key);
      }
      // Keep up with the change log during a long drain, so the cache never falls behind the
      // store's history (which would cost a full relist).
      if (count % SYNC_EVERY === 0) await this.#cache.sync();
    }
    return count;
  }

  /** The revision the cache has reached and every controller's delayed keys. */
  #capture(): SettleCheckpoint {
    const delayed: SettleCheckpoint["delayed"] = {};
    for (const { controller, queue } of this.#loops) {
      const keys = queue.delayed();
      if (keys.length > 0) delayed[controller.name] = Object.fromEntries(keys);
    }
    return { revision: this.#cache.revision, delayed };
  }

  /**
   * Starts from a checkpoint: the cache reads every kind but pods, the controllers rebuild their
   * memory, the delayed keys come back, and the changes since the checkpoint are told as events,
   * as a control loop that had run all along would have seen them. False when the store's log
   * no longer reaches back to the checkpoint (nothing has been done then).
   */
  async #resume(checkpoint: SettleCheckpoint): Promise<boolean> {
    if (!await this.#cache.resume(checkpoint.revision)) return false;
    for (const { controller } of this.#loops) await controller.resume?.(this.#context);
    for (const { controller, queue } of this.#loops) {
      for (const [key, at] of Object.entries(checkpoint.delayed[controller.name] ?? {})) {
        queue.addAt(key, at);
      }
    }
    await this.#cache.replay();
    return true;
  }

  async #startOnce(resume: SettleCheckpoint | undefined): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    if (resume && await this.#resume(resume)) return;
    await this.#cache.sync();
    for (const { controller, queue } of this.#loops) {
      for (const key of controller.initialKeys?.(this.#cache) ?? []) queue.add(key);
    }
  }
}
