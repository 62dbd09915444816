import type { Probe } from "../../api/types.ts";
import { type Clock, systemClock } from "../../api/clock.ts";
import type { ProbeResult, ProbeTarget, RunProbeOptions } from "./probe_result.ts";
import { runProbe } from "./run_probe.ts";
import {
  type ContainerProbes,
  dueProbes,
  initialProbeState,
  nextDueAt,
  nextProbeState,
  probeOf,
  type ProbeState,
  type ProbeType,
} from "./probe_state.ts";

/** Timers, injectable so that tests drive them with a fake clock. */
export interface ProberTimers {
  /** Calls `fn` after `ms` milliseconds; returns a handle for clearTimeout. */
  setTimeout(fn: () => void, ms: number): unknown;
  /** Cancels a pending call. */
  clearTimeout(handle: unknown): void;
}

/** Options of {@linkcode ContainerProber}. */
export interface ContainerProberOptions {
  /** The source of time (default: the system clock). */
  clock?: Clock;
  /** Timers on that clock (default: the global setTimeout/clearTimeout). */
  timers?: ProberTimers;
  /** When the container started (default: now). */
  startedAt?: number;
  /** Runs one probe (default: {@linkcode runProbe}); tests inject scripted results. */
  runProbe?: (probe: Probe, target: ProbeTarget, options: RunProbeOptions) => Promise<ProbeResult>;
  /** Readiness: called at start() with the initial value, then on every change. */
  onReady?: (ready: boolean) => void;
  /** The container must be restarted: its liveness (or startup) probe failed failureThreshold times. */
  onLivenessFailure?: (message: string, probe: "liveness" | "startup") => void;
  /** The container has started: called at start() without a startup probe, else on its success. */
  onStarted?: () => void;
  /** Every failed probe run, with the kubelet's output (its `Unhealthy` events say it). */
  onProbeFailure?: (probe: ProbeType, message: string) => void;
}

const realTimers: ProberTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs the startup, liveness and readiness probes of one running container on their schedule,
 * as the kubelet's probe workers do, and reports what changes. At most one probe of each kind is
 * in flight; after a restart decision nothing more runs (make a new prober for the new container).
 *
 * @example
 * ```ts
 * import { ContainerProber } from "./container_prober.ts";
 * const prober = new ContainerProber(
 *   { readinessProbe: { exec: { command: ["true"] } } },
 *   { podIP: "127.0.0.1" },
 *   { onReady: (ready) => console.log("ready", ready) },
 * );
 * prober.start();
 * await prober.stop();
 * ```
 */
export class ContainerProber {
  #probes: ContainerProbes;
  #target: ProbeTarget;
  #clock: Clock;
  #timers: ProberTimers;
  #options: ContainerProberOptions;
  #state: ProbeState;
  #timer: unknown = undefined;
  #inFlight: Map<ProbeType, Promise<void>> = new Map();
  #abort: AbortController = new AbortController();
  #running = false;

  /** Prepares the probes of `container`, which runs as `target`; start() begins probing. */
  constructor(
    container: ContainerProbes,
    target: ProbeTarget,
    options: ContainerProberOptions = {},
  ) {
    this.#probes = container;
    this.#target = target;
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#timers = options.timers ?? realTimers;
    this.#state = initialProbeState(container, options.startedAt ?? this.#clock.now());
  }

  /** The current probing state. */
  get state(): ProbeState {
    return this.#state;
  }

  /** Whether the container is ready now. */
  get ready(): boolean {
    return this.#state.ready;
  }

  /** Reports the initial state and schedules the first probes. */
  start(): void {
    if (this.#running || this.#abort.signal.aborted) return;
    this.#running = true;
    if (this.#state.started) this.#options.onStarted?.();
    this.#options.onReady?.(this.#state.ready);
    this.#schedule();
  }

  /** Stops probing and cancels probes in flight; resolves once they have ended. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#abort.abort();
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    await Promise.all(this.#inFlight.values());
  }

  #schedule(): void {
    if (!this.#running) return;
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    const now = this.#clock.now();
    for (const type of dueProbes(this.#state, now)) this.#launch(type);
    // The earliest due probe that is not already running sets the timer.
    const waiting = { ...this.#state, tracks: { ...this.#state.tracks } };
    for (const type of this.#inFlight.keys()) delete waiting.tracks[type];
    const due = nextDueAt(waiting);
    if (due === undefined) return;
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = undefined;
      this.#schedule();
    }, Math.max(0, due - now));
  }

  #launch(type: ProbeType): void {
    if (this.#inFlight.has(type)) return;
    const probe = probeOf(this.#probes, type)!;
    const running = this.#run(probe).then((outcome) => {
      this.#inFlight.delete(type);
      if (this.#running) this.#apply(type, outcome);
    });
    this.#inFlight.set(type, running);
  }

  async #run(probe: Probe): Promise<ProbeResult> {
    const run = this.#options.runProbe ?? runProbe;
    try {
      return await run(probe, this.#target, { signal: this.#abort.signal });
    } catch (error) {
      return { result: "Failure", message: (error as Error)?.message ?? String(error) };
    }
  }

  #apply(type: ProbeType, outcome: ProbeResult): void {
    const before = this.#state;
    const after = nextProbeState(
      before,
      { type, result: outcome.result },
      this.#probes,
      this.#clock.now(),
    );
    this.#state = after;
    if (outcome.result === "Failure") this.#options.onProbeFailure?.(type, outcome.message);
    if (after.started && !before.started) this.#options.onStarted?.();
    if (after.ready !== before.ready) this.#options.onReady?.(after.ready);
    if (after.restart && !before.restart) {
      this.#options.onLivenessFailure?.(outcome.message, after.restart);
    }
    this.#schedule();
  }
}
