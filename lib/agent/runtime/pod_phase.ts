import type { ContainerStatus, PodStatus } from "../../api/types.ts";
import type { RestartPolicy } from "./types.ts";

/** Knobs of podPhase(). */
export interface PodPhaseOptions {
  /** The pod is being torn down for good (deleted, evicted): no container will restart. */
  terminal?: boolean;
}

/**
 * A pod's phase from its (regular) containers' statuses, as the kubelet computes it. Pass one
 * entry per container of the spec, `undefined` where no status is known yet.
 *
 * - any container waiting that never ran → Pending
 * - at least one running and none unknown → Running
 * - none running, some stopped (terminated, or waiting to restart after a termination):
 *   terminal pod → Succeeded if all exited 0, else Failed; otherwise Always → Running,
 *   all exited 0 → Succeeded, Never → Failed, OnFailure → Running (restarting)
 * - anything else → Pending
 *
 * @example
 * ```ts
 * import { podPhase } from "./pod_phase.ts";
 * podPhase("Never", [{ name: "a", ready: false, restartCount: 0, image: "",
 *   state: { terminated: { exitCode: 1 } } }]); // "Failed"
 * ```
 */
export function podPhase(
  restartPolicy: RestartPolicy | undefined,
  statuses: readonly (ContainerStatus | undefined)[],
  options: PodPhaseOptions = {},
): NonNullable<PodStatus["phase"]> {
  let unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0;
  for (const status of statuses) {
    const state = status?.state;
    if (state?.running) running++;
    else if (state?.terminated) {
      stopped++;
      if (state.terminated.exitCode === 0) succeeded++;
    } else if (state?.waiting) {
      if (status?.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }
  if (waiting > 0) return "Pending";
  if (running > 0 && unknown === 0) return "Running";
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (options.terminal) return stopped === succeeded ? "Succeeded" : "Failed";
    const policy = restartPolicy ?? "Always";
    if (policy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    return policy === "Never" ? "Failed" : "Running";
  }
  return "Pending";
}
