import type { Pod, PodStatus } from "../api/types.ts";
import { agentPodStatus } from "./agent_pod_status.ts";
import { ContainerWorker, type ContainerWorkerContext } from "./container_worker.ts";

/** What a pod worker needs from the agent. */
export interface PodWorkerContext extends Omit<ContainerWorkerContext, "onChange"> {
  /** Called when the pod's status changed (the agent then writes it). */
  onStatus: (worker: PodWorker) => void;
}

/**
 * One pod on an agent: its containers run side by side with the pod's own IP, and its status is
 * worked out from theirs, as the kubelet's pod worker does.
 */
export class PodWorker {
  readonly pod: Pod;
  readonly #containers: ContainerWorker[];
  readonly #context: PodWorkerContext;
  readonly #startTime = Date.now();
  #terminal = false;

  /** A worker for `pod`, whose IP is `context.podIP` (not started). */
  constructor(pod: Pod, context: PodWorkerContext) {
    this.pod = pod;
    this.#context = context;
    const containerContext = { ...context, onChange: () => context.onStatus(this) };
    this.#containers = pod.spec.containers.map((c) =>
      new ContainerWorker(pod, c, containerContext)
    );
  }

  /** The pod's uid. */
  get uid(): string {
    return this.pod.metadata.uid!;
  }

  /** Starts every container. */
  start(): void {
    for (const container of this.#containers) container.start();
    this.#context.onStatus(this);
  }

  /** The status to report for the pod as `current` (the stored pod) has it now. */
  status(current: Pod): PodStatus {
    return agentPodStatus(current, this.#containers.map((c) => c.status), {
      podIP: this.#context.podIP,
      hostIP: this.#context.hostIP,
      startTime: this.#startTime,
      now: Date.now(),
      simulated: this.#containers.filter((c) => c.simulated).map((c) => c.status.name),
      terminal: this.#terminal,
    });
  }

  /** Stops every container with the pod's grace period (or `gracePeriodMs`). */
  async stop(gracePeriodMs?: number): Promise<void> {
    this.#terminal = true;
    const grace = gracePeriodMs ?? (this.pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
    await Promise.all(this.#containers.map((c) => c.stop(grace)));
  }
}
