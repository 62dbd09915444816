import type { Clock } from "../api/clock.ts";
import {
  ControlPlane,
  type SettleOptions,
  type SettleResult,
} from "../controllers/control_plane.ts";
import type { Controller } from "../controllers/controller.ts";
import { deploymentController } from "../controllers/deployment.ts";
import { endpointsController } from "../controllers/endpoints.ts";
import { garbageCollector } from "../controllers/garbage_collector.ts";
import { LeaderElector, leaseIsLive } from "../controllers/leader_election.ts";
import { nodeIpamController, type NodeIpamOptions } from "../controllers/node_ipam.ts";
import {
  nodeLifecycleController,
  type NodeLifecycleOptions,
} from "../controllers/node_lifecycle.ts";
import { replicaSetController } from "../controllers/replicaset.ts";
import { checkpointAnnotations, checkpointOf } from "../controllers/settle_checkpoint.ts";
import { simulatedKubelet, type SimulatedKubeletOptions } from "../kubelet/mod.ts";
import {
  SchedulerController,
  type SchedulerControllerOptions,
} from "../scheduler/scheduler_controller.ts";
import type { Store } from "../store/store.ts";

/** Options of the control plane a Cluster runs. */
export interface ControlLoopOptions {
  /** The scheduler's profile: strategy, weights, sampling. */
  scheduler?: SchedulerControllerOptions;
  /** Node health: grace period and default eviction toleration. */
  nodeLifecycle?: NodeLifecycleOptions;
  /** Pod CIDRs of nodes. */
  nodeIpam?: NodeIpamOptions;
  /** The simulated kubelet's heartbeat. */
  kubelet?: SimulatedKubeletOptions;
  /** This process's name in leader election (default: host, pid and a random suffix). */
  identity?: string;
}

/** Options of start(). */
export interface StartOptions {
  /** How often to look for work, in real milliseconds (default 100). */
  intervalMs?: number;
  /** Called with every settle result that did something. */
  onSettle?: (result: SettleResult) => void;
  /** Called with an error of a pass (the loop goes on with the next one). */
  onError?: (error: unknown) => void;
  /** Called when this process starts leading (true) or steps down (false). */
  onLeadingChange?: (leading: boolean) => void;
}

/** How often a leader renews its lease (client-go's retryPeriod). */
const RETRY_PERIOD_MS = 2_000;
/** How long settle() waits for another process's control loop to act on a change. */
const WAIT_FOR_LEADER_MS = 10_000;
/** The store counts as quiet when its revision has not moved for this long (at least). */
const QUIET_MS = 300;
/** Where a leading control loop says how often it looks for work, so followers wait long enough. */
export const INTERVAL_ANNOTATION = "kclone.dev/control-loop-interval-ms";

/** Ends a settle whose leader has lost (or could not renew) its lease. */
class LostLeadership extends Error {}

/**
 * The scheduler and controllers of a Cluster, with leader election: settle() runs them here
 * unless another live process leads (then it waits, bounded, for that one to act); start() leads
 * continuously until stop().
 */
export class ControlLoops {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #plane: ControlPlane;
  readonly #scheduler: SchedulerController;
  readonly #elector: LeaderElector;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<unknown> | undefined;
  #stopping = new AbortController();
  #leading = false;

  /** The control plane of `store`. */
  constructor(store: Store, clock: Clock, options: ControlLoopOptions = {}) {
    this.#store = store;
    this.#clock = clock;
    this.#scheduler = new SchedulerController(options.scheduler);
    const controllers: Controller[] = [
      nodeIpamController(options.nodeIpam),
      deploymentController,
      replicaSetController,
      this.#scheduler,
      simulatedKubelet(options.kubelet),
      nodeLifecycleController(options.nodeLifecycle),
      endpointsController,
      garbageCollector,
    ];
    this.#plane = new ControlPlane(store, clock, controllers);
    const identity = options.identity ??
      `${Deno.hostname()}-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
    this.#elector = new LeaderElector(store, clock, identity);
  }

  /** The scheduler, for explanations. */
  get scheduler(): SchedulerController {
    return this.#scheduler;
  }

  /** The control plane (its cache and queues). */
  get plane(): ControlPlane {
    return this.#plane;
  }

  /** This process's name in leader election (the Lease's holderIdentity while it leads). */
  get identity(): string {
    return this.#elector.identity;
  }

  /** True while start() holds the lease (renewed within the last 2 s) and acts on changes. */
  get leading(): boolean {
    return this.#leading;
  }

  /** True while start() leads. */
  get started(): boolean {
    return this.#timer !== undefined || this.#running !== undefined;
  }

  /**
   * Runs the scheduler and controllers to quiescence here when no other live process leads;
   * otherwise waits (bounded) for the leader to act, and reports `converged` as it found it.
   */
  async settle(options: SettleOptions = {}): Promise<SettleResult> {
    if (this.#leading) return await this.#plane.settle(options);
    for (;;) {
      if (await this.#elector.tryAcquireOrRenew()) {
        try {
          // A fresh process starts where the last settle left off, not from a full list.
          const resume = this.#plane.started
            ? undefined
            : checkpointOf(await this.#elector.lease());
          return await this.#plane.settle({ ...options, resume });
        } finally {
          await this.#elector.release(checkpointAnnotations(this.#plane.checkpoint()));
        }
      }
      const waited = await this.#waitForLeader();
      // A leader that is still there has acted on our change; one that has let go (another
      // short-lived command) may have finished before our write: then we settle ourselves.
      if (!waited.converged || leaseIsLive(await this.#elector.lease(), this.#clock.now())) {
        return waited;
      }
    }
  }

  /**
   * Leads continuously: settles whenever the store changes or delayed work is due, renewing the
   * lease every 2 s (between rounds of a long settle too). Steps down, acting no more, as soon
   * as a renewal fails or finds another holder; tries again on the next pass. Resolves after the
   * first pass (leadership tried, and the cluster settled if won).
   */
  start(options: StartOptions = {}): Promise<void> {
    if (this.started) return Promise.resolve();
    this.#stopping = new AbortController();
    let firstPass: () => void = () => {};
    const first = new Promise<void>((resolve) => firstPass = resolve);
    const interval = options.intervalMs ?? 100;
    // A leader that runs on does not keep a checkpoint current: the next command lists everything.
    const annotations = {
      [INTERVAL_ANNOTATION]: String(interval),
      ...checkpointAnnotations(undefined),
    };
    let seen = -1;
    let renewedAt = -Infinity;
    const renewIfDue = async () => {
      const now = this.#clock.now();
      if (this.#leading && now - renewedAt < RETRY_PERIOD_MS) return;
      const was = this.#leading;
      try {
        this.#leading = await this.#elector.tryAcquireOrRenew(annotations);
        renewedAt = now;
      } catch (error) {
        this.#leading = false; // unsure whether we still hold the lease: act no more
        throw error;
      } finally {
        if (this.#leading !== was) options.onLeadingChange?.(this.#leading);
      }
    };
    const onRound = async () => {
      await renewIfDue();
      if (!this.#leading) throw new LostLeadership();
    };
    const tick = async () => {
      await renewIfDue();
      if (!this.#leading) return;
      const revision = await this.#store.revision();
      const due = this.#plane.nextDue();
      if (revision === seen && (due === undefined || due > this.#clock.now())) return;
      const result = await this.#plane.settle({ onRound, signal: this.#stopping.signal });
      seen = await this.#store.revision();
      if (result.reconciles > 0) options.onSettle?.(result);
    };
    const loop = () => {
      this.#running = tick().catch((error) => {
        if (!(error instanceof LostLeadership)) options.onError?.(error);
      }).finally(() => {
        this.#running = undefined;
        firstPass();
        if (this.#timer !== undefined) this.#timer = setTimeout(loop, interval);
      });
    };
    this.#timer = setTimeout(loop, 0);
    return first;
  }

  /** Stops leading: ends the pass under way at its next reconcile and hands the lease back. */
  async stop(): Promise<void> {
    const timer = this.#timer;
    this.#timer = undefined;
    if (timer !== undefined) clearTimeout(timer);
    // The pass under way ends after the reconcile in hand, not after all its work.
    this.#stopping.abort();
    await this.#running;
    // No checkpoint: its delayed work followed this loop's options, which commands may not share.
    if (this.#leading) await this.#elector.release(checkpointAnnotations(undefined));
    this.#leading = false;
  }

  /** Waits until another process's control loop has acted on our change (the store goes quiet). */
  async #waitForLeader(): Promise<SettleResult> {
    // Quiet means: the leader has had at least two of its passes to act on our change.
    const interval = Number(
      (await this.#elector.lease())?.metadata.annotations?.[INTERVAL_ANNOTATION],
    );
    const quiet = Math.max(QUIET_MS, Number.isFinite(interval) ? 2 * interval + 100 : 0);
    const limit = Math.max(WAIT_FOR_LEADER_MS, 4 * quiet);
    const deadline = Date.now() + limit;
    let revision = await this.#store.revision();
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const now = await this.#store.revision();
      if (now !== revision) {
        revision = now;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= quiet) {
        return { converged: true, rounds: 0, reconciles: 0, errors: [] };
      }
    }
    return {
      converged: false,
      rounds: 0,
      reconciles: 0,
      errors: [
        `the leading control loop did not finish acting within ${limit / 1000} s`,
      ],
    };
  }
}
