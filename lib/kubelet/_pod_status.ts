import { createHash } from "node:crypto";
import { rfc3339 } from "../api/clock.ts";
import type { Condition, Container, ContainerStatus, Pod, PodStatus } from "../api/types.ts";

/** Where a started pod lives. */
export interface PodPlacement {
  /** The pod's IP (the node's, for hostNetwork pods). */
  podIP: string;
  /** The node's InternalIP. */
  hostIP: string;
  /** Clock time (ms) of the start. */
  now: number;
}

/** The conditions the kubelet owns; PodScheduled is the scheduler's and is kept. */
const KUBELET_POD_CONDITIONS = ["Initialized", "Ready", "ContainersReady"] as const;

/** A content-addressed image id, as a container runtime reports it (`nginx@sha256:…`). */
function imageIDOf(image: string): string {
  if (image.includes("@")) return image;
  const slash = image.lastIndexOf("/"), colon = image.lastIndexOf(":");
  const repository = colon > slash ? image.slice(0, colon) : image;
  return `${repository}@sha256:${createHash("sha256").update(image).digest("hex")}`;
}

function containerStatus(pod: Pod, container: Container, time: string, init: boolean) {
  const image = container.image ?? "";
  const status: ContainerStatus = {
    name: container.name,
    state: init
      ? { terminated: { exitCode: 0, reason: "Completed", startedAt: time, finishedAt: time } }
      : { running: { startedAt: time } },
    lastState: {},
    ready: !init,
    restartCount: 0,
    image,
    imageID: imageIDOf(image),
    containerID: `kclone://${pod.metadata.uid ?? ""}/${container.name}`,
    started: !init,
  };
  return status;
}

function condition(type: string, time: string): Condition {
  return { type, status: "True", lastProbeTime: null, lastTransitionTime: time };
}

/**
 * The status the kubelet posts once a pod's containers run: phase Running, the conditions
 * Initialized, Ready, ContainersReady and PodScheduled True, IPs, start time and one running
 * status per container (init containers completed).
 */
export function runningPodStatus(pod: Pod, placement: PodPlacement): PodStatus {
  const time = rfc3339(placement.now);
  const current = pod.status?.conditions ?? [];
  const scheduled = current.find((c) => c.type === "PodScheduled" && c.status === "True");
  const others = current.filter((c) =>
    c.type !== "PodScheduled" && !(KUBELET_POD_CONDITIONS as readonly string[]).includes(c.type)
  );
  const { reason: _reason, message: _message, ...kept } = pod.status ?? {};
  const status: PodStatus = {
    ...kept,
    phase: "Running",
    conditions: [
      ...KUBELET_POD_CONDITIONS.map((type) => condition(type, time)),
      scheduled ?? condition("PodScheduled", time),
      ...others,
    ],
    hostIP: placement.hostIP,
    podIP: placement.podIP,
    podIPs: [{ ip: placement.podIP }],
    startTime: time,
    containerStatuses: pod.spec.containers.map((c) => containerStatus(pod, c, time, false)),
  };
  if (pod.spec.initContainers?.length) {
    status.initContainerStatuses = pod.spec.initContainers.map((c) =>
      containerStatus(pod, c, time, true)
    );
  }
  return status;
}

/**
 * The status of a running pod whose Ready or ContainersReady condition someone else turned
 * False (the node lifecycle controller, while the node was unreachable); undefined when both
 * are True already. The simulated containers never fail, so the kubelet reports them ready.
 */
export function readyAgainStatus(pod: Pod, now: number): PodStatus | undefined {
  const conditions = pod.status?.conditions ?? [];
  const readyTypes = ["Ready", "ContainersReady"];
  const stale = (type: string) => conditions.find((c) => c.type === type)?.status !== "True";
  if (!readyTypes.some(stale)) return undefined;
  const time = rfc3339(now);
  const fixed = conditions.map((c) =>
    readyTypes.includes(c.type) && c.status !== "True" ? condition(c.type, time) : c
  );
  for (const type of readyTypes) {
    if (!fixed.some((c) => c.type === type)) fixed.push(condition(type, time));
  }
  const status: PodStatus = { ...pod.status, conditions: fixed };
  if (status.containerStatuses) {
    status.containerStatuses = status.containerStatuses.map((s) => ({ ...s, ready: true }));
  }
  return status;
}
