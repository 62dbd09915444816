import { rfc3339 } from "../api/clock.ts";
import type { Condition, ContainerStatus, Pod, PodStatus } from "../api/types.ts";
import { podPhase } from "./runtime/mod.ts";

/** What the agent knows of a pod beyond its containers. */
export interface AgentPodFacts {
  /** The pod's IP. */
  podIP?: string;
  /** The node's IP. */
  hostIP: string;
  /** When the agent started the pod (ms). */
  startTime: number;
  /** Now (ms), for condition transition times. */
  now: number;
  /** Containers the agent runs simulated (no command): named in status.message. */
  simulated?: string[];
  /** The pod is going away (deleted): its containers will not restart. */
  terminal?: boolean;
}

/**
 * The status the kubelet reports for a pod from its containers' statuses: phase, the
 * PodScheduled, Initialized, ContainersReady and Ready conditions (a condition keeps its
 * transition time while its status stays the same), IPs, start time, and, for containers kclone
 * cannot run (no command), a message that says so.
 */
export function agentPodStatus(
  pod: Pod,
  containers: ContainerStatus[],
  facts: AgentPodFacts,
): PodStatus {
  const phase = podPhase(
    pod.spec.restartPolicy,
    pod.spec.containers.map((c) => containers.find((s) => s.name === c.name)),
    { terminal: facts.terminal },
  );
  const allReady = containers.length === pod.spec.containers.length &&
    containers.every((c) => c.ready);
  const done = phase === "Succeeded" || phase === "Failed";
  const previous = pod.status?.conditions ?? [];
  const condition = (type: string, ok: boolean, reason?: string): Condition => {
    const status = ok ? "True" : "False";
    const before = previous.find((c) => c.type === type);
    return {
      type,
      status,
      lastProbeTime: null,
      lastTransitionTime: before?.status === status
        ? before.lastTransitionTime
        : rfc3339(facts.now),
      ...(ok || !reason ? {} : { reason }),
    } as Condition;
  };
  const notReady = done ? "PodCompleted" : "ContainersNotReady";
  const simulated = facts.simulated ?? [];
  const { message: _, ...kept } = pod.status ?? {};
  return {
    ...kept,
    phase,
    conditions: [
      condition("Initialized", true),
      condition("Ready", allReady && !done, notReady),
      condition("ContainersReady", allReady && !done, notReady),
      condition("PodScheduled", true),
    ],
    hostIP: facts.hostIP,
    ...(facts.podIP ? { podIP: facts.podIP, podIPs: [{ ip: facts.podIP }] } : {}),
    startTime: rfc3339(facts.startTime),
    containerStatuses: containers,
    ...(simulated.length > 0
      ? {
        message: `kclone runs container${simulated.length > 1 ? "s" : ""} ${
          simulated.join(", ")
        } simulated: no command is given, and kclone runs commands, not images`,
      }
      : {}),
  };
}
