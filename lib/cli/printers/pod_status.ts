/**
 * A pod's READY, STATUS and RESTARTS as kubectl computes them (printPod in kubectl's printers).
 *
 * @module
 */
import type { ContainerStatus, Pod } from "../../api/types.ts";
import { age } from "./age.ts";

/** The status cells of a pod row. */
export interface PodStatusCells {
  /** Ready containers over containers, e.g. `1/1`. */
  ready: string;
  /** `Running`, `Pending`, `ContainerCreating`, `Completed`, `Terminating`, `Init:0/1`, ... */
  status: string;
  /** Restarts, with the time since the last one: `2 (5m ago)`. */
  restarts: string;
}

/**
 * READY, STATUS and RESTARTS of a pod as `kubectl get pods` shows them: the phase (or the
 * pod's reason), overridden by an init container still at work, then by a container's waiting
 * or terminated reason; `Terminating` once deletion has begun (`Unknown` for a pod lost with
 * its node).
 */
export function podStatusCells(pod: Pod, now: number): PodStatusCells {
  const status = pod.status ?? {};
  let reason: string = status.reason || status.phase || "";
  if (status.conditions?.some((c) => c.type === "PodScheduled" && c.reason === "SchedulingGated")) {
    reason = "SchedulingGated";
  }
  const containers = pod.spec.containers ?? [];
  let restarts = 0;
  let ready = 0;
  let lastRestart = "";
  const noteRestart = (c: ContainerStatus) => {
    restarts += c.restartCount ?? 0;
    const finished = c.lastState?.terminated?.finishedAt;
    if (finished && finished > lastRestart) lastRestart = finished;
  };
  let initializing = false;
  const inits = status.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    noteRestart(c);
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    initializing = true;
    if (terminated) {
      reason = terminated.reason
        ? `Init:${terminated.reason}`
        : terminated.signal
        ? `Init:Signal:${terminated.signal}`
        : `Init:ExitCode:${terminated.exitCode}`;
    } else if (waiting?.reason && waiting.reason !== "PodInitializing") {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${pod.spec.initContainers?.length ?? 0}`;
    }
    break;
  }
  const initialized = status.conditions?.some((c) =>
    c.type === "Initialized" && c.status === "True"
  );
  if (!initializing || initialized) {
    restarts = 0;
    lastRestart = "";
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      noteRestart(c);
      const { waiting, terminated, running } = c.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) {
        reason = terminated.signal
          ? `Signal:${terminated.signal}`
          : `ExitCode:${terminated.exitCode}`;
      } else if (c.ready && running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === "Completed" && hasRunning) {
      const podReady = status.conditions?.some((c) => c.type === "Ready" && c.status === "True");
      reason = podReady ? "Running" : "NotReady";
    }
  }
  const deleting = Boolean(pod.metadata.deletionTimestamp);
  if (deleting && status.reason === "NodeLost") reason = "Unknown";
  else if (deleting && status.phase !== "Succeeded" && status.phase !== "Failed") {
    reason = "Terminating";
  }
  return {
    ready: `${ready}/${containers.length}`,
    status: reason,
    restarts: restarts !== 0 && lastRestart
      ? `${restarts} (${age(lastRestart, now)} ago)`
      : String(restarts),
  };
}
