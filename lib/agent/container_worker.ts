import { memoryBytes } from "../api/quantity.ts";
import type { Container, ContainerStatus, Pod } from "../api/types.ts";
import type { EventRecord } from "../controllers/event_recorder.ts";
import { storedLastExit } from "./_stored_last_exit.ts";
import { ContainerProber } from "./probes/mod.ts";
import {
  adoptContainer,
  commandLine,
  containerEnv,
  type ContainerExit,
  type ContainerPhase,
  ContainerStartError,
  containerStatus,
  crashLoopBackOffMs,
  type PidFile,
  type RunningContainer,
  shouldRestart,
  startContainer,
} from "./runtime/mod.ts";

/** What a container worker needs from its pod's worker. */
export interface ContainerWorkerContext {
  /** The pod's IP. */
  podIP: string;
  /** The node's IP. */
  hostIP: string;
  /** The agent's state folder (working folders, pid files). */
  root: string;
  /** The agent's log folder. */
  logDir: string;
  /** Scale of CrashLoopBackOff (1 = Kubernetes' 10 s doubling to 5 min; tests use less). */
  backOffScale: number;
  /** Called whenever the container's status changes. */
  onChange: () => void;
  /** Told of what the kubelet records as Events on the pod (probe failures, kills, errors). */
  onEvent?: (event: EventRecord) => void;
  /**
   * The running processes an earlier agent on this node left (pid files of this pod, still the
   * same processes): a container found here is adopted instead of started again.
   */
  leftovers?: PidFile[];
}

/**
 * One container of a pod on an agent, as the kubelet runs it: a process from `command`/`args`
 * (no shell), restarted per the pod's restartPolicy with CrashLoopBackOff, probed (readiness,
 * liveness, startup), killed past its memory limit. A container without a command is run
 * simulated: it counts as running and ready, and the pod's status says so.
 */
export class ContainerWorker {
  readonly #pod: Pod;
  readonly #container: Container;
  readonly #context: ContainerWorkerContext;
  #phase: ContainerPhase = { kind: "waiting", reason: "ContainerCreating" };
  #last: (ContainerExit & { message?: string }) | undefined;
  #restarts = 0;
  #ready = false;
  #started = false;
  #running: RunningContainer | undefined;
  #prober: ContainerProber | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Ends the back-off wait early (stop() during CrashLoopBackOff). */
  #wake: (() => void) | undefined;
  #stopping = false;
  #done: Promise<void> = Promise.resolve();

  /** A worker for `container` of `pod` (not started). */
  constructor(pod: Pod, container: Container, context: ContainerWorkerContext) {
    this.#pod = pod;
    this.#container = container;
    this.#context = context;
  }

  /** True for a container kclone runs simulated (it has no command). */
  get simulated(): boolean {
    return !this.#container.command?.length && !this.#container.args?.length;
  }

  /** The container's entry of `status.containerStatuses`. */
  get status(): ContainerStatus {
    return containerStatus({
      pod: {
        name: this.#pod.metadata.name!,
        namespace: this.#pod.metadata.namespace ?? "default",
        uid: this.#pod.metadata.uid!,
      },
      container: this.#container,
      phase: this.#phase,
      last: this.#last,
      restartCount: this.#restarts,
      ready: this.#ready,
      started: this.#started,
      containerID: this.#running ? `kclone://${this.#running.pid}` : undefined,
    });
  }

  /**
   * Starts the container (or its simulation), or adopts its process when an earlier agent left
   * it running: restartCount and lastState go on from the pod's stored status.
   */
  start(): void {
    if (this.simulated) {
      this.#phase = { kind: "running", startedAt: Date.now() };
      this.#ready = this.#started = true;
      this.#context.onChange();
      return;
    }
    const leftover = this.#context.leftovers?.find((l) => l.container === this.#container.name);
    if (leftover) {
      this.#restarts = leftover.restartCount;
      this.#last = storedLastExit(this.#pod, this.#container.name);
    }
    this.#done = this.#run(leftover);
  }

  /** Stops it: SIGTERM, then SIGKILL after the grace period; no restart follows. */
  async stop(gracePeriodMs: number): Promise<void> {
    this.#stopping = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#wake?.();
    await this.#prober?.stop();
    await this.#running?.stop(gracePeriodMs);
    await this.#done;
  }

  async #run(leftover?: PidFile): Promise<void> {
    while (!this.#stopping) {
      const exit = await this.#runOnce(leftover);
      leftover = undefined;
      if (this.#stopping || exit === undefined) return;
      if (!shouldRestart(this.#pod.spec.restartPolicy, exit)) return;
      const delayMs = crashLoopBackOffMs(this.#restarts, { scale: this.#context.backOffScale });
      this.#restarts++;
      this.#phase = { kind: "backOff", delayMs };
      if (delayMs > 0) {
        const { name, namespace, uid } = this.#pod.metadata;
        this.#event(
          "Warning",
          "BackOff",
          `Back-off restarting failed container ${this.#container.name} in pod ${name}_${
            namespace ?? "default"
          }(${uid})`,
        );
      }
      this.#context.onChange();
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        this.#timer = setTimeout(resolve, delayMs);
      });
      this.#wake = this.#timer = undefined;
    }
  }

  /**
   * One instance: start (or adopt `leftover`), probe, wait for its end. Undefined when it could
   * not be configured.
   */
  async #runOnce(leftover?: PidFile): Promise<ContainerExit | undefined> {
    const pod = this.#pod, container = this.#container;
    const env = containerEnv(pod, container, {
      podIP: this.#context.podIP,
      hostIP: this.#context.hostIP,
    });
    if (!env.ok) {
      this.#phase = { kind: "waiting", reason: env.reason, message: env.message };
      this.#event("Warning", "Failed", `Error: ${env.message}`);
      this.#context.onChange();
      return undefined;
    }
    const argv = commandLine(container, env.env)!;
    const limit = container.resources?.limits?.memory;
    let running: RunningContainer;
    try {
      running = leftover
        ? adoptContainer(leftover, {
          root: this.#context.root,
          logDir: this.#context.logDir,
          memoryLimitBytes: limit === undefined ? undefined : memoryBytes(limit),
        })
        : await startContainer({
          podUid: pod.metadata.uid!,
          namespace: pod.metadata.namespace ?? "default",
          podName: pod.metadata.name!,
          containerName: container.name,
          argv,
          env: env.env,
          root: this.#context.root,
          logDir: this.#context.logDir,
          restartCount: this.#restarts,
          workingDir: container.workingDir,
          memoryLimitBytes: limit === undefined ? undefined : memoryBytes(limit),
        });
    } catch (error) {
      if (!(error instanceof ContainerStartError)) throw error;
      const now = Date.now();
      const exit: ContainerExit & { message?: string } = {
        exitCode: error.exitCode,
        reason: error.terminatedReason,
        message: error.message,
        startedAt: now,
        finishedAt: now,
      };
      this.#last = exit;
      this.#phase = { kind: "waiting", reason: error.reason, message: error.message };
      this.#event("Warning", "Failed", `Error: ${error.message}`);
      this.#context.onChange();
      return exit;
    }
    this.#running = running;
    this.#phase = { kind: "running", startedAt: running.startedAt };
    this.#ready = false;
    this.#started = !container.startupProbe;
    this.#prober = this.#probe(env.env);
    this.#context.onChange();
    const exit = await running.exited;
    await this.#prober?.stop();
    this.#prober = undefined;
    this.#ready = false;
    this.#last = exit;
    this.#phase = { kind: "terminated", exit };
    this.#context.onChange();
    return exit;
  }

  #event(type: EventRecord["type"], reason: string, message: string): void {
    if (!this.#stopping) this.#context.onEvent?.({ type, reason, message });
  }

  /** Starts the probes of a running instance. */
  #probe(env: Record<string, string>): ContainerProber | undefined {
    const container = this.#container;
    if (!container.readinessProbe && !container.livenessProbe && !container.startupProbe) {
      this.#ready = true;
      return undefined;
    }
    const prober = new ContainerProber(container, {
      podIP: this.#context.podIP,
      ports: container.ports,
      env,
    }, {
      onReady: (ready) => {
        this.#ready = ready;
        this.#context.onChange();
      },
      onStarted: () => {
        this.#started = true;
        this.#context.onChange();
      },
      onProbeFailure: (type, message) => {
        const probe = `${type[0].toUpperCase()}${type.slice(1)}`;
        this.#event("Warning", "Unhealthy", `${probe} probe failed: ${message}`);
      },
      onLivenessFailure: (_message, type) => {
        this.#event(
          "Normal",
          "Killing",
          `Container ${container.name} failed ${type} probe, will be restarted`,
        );
        const grace = (this.#pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
        this.#running?.stop(grace);
      },
    });
    prober.start();
    return prober;
  }
}
