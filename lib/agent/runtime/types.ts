/**
 * Shapes shared by the container runtime: how a container process ended.
 *
 * @module
 */

/**
 * Why a container process ended, in the words Kubernetes puts in `state.terminated.reason`
 * (StartError: its program could not be run at all; ContainerStatusUnknown: it ended unseen,
 * while it was not the agent's child).
 */
export type ContainerExitReason =
  | "Completed"
  | "Error"
  | "OOMKilled"
  | "StartError"
  | "ContainerStatusUnknown";

/** How a container process ended. */
export interface ContainerExit {
  /** The exit code; 128 + signal number when a signal ended it (137 for SIGKILL). */
  exitCode: number;
  /** The signal number that ended it, if one did. */
  signal?: number;
  /** Completed (exit 0), Error (anything else), OOMKilled (over its memory limit) or StartError. */
  reason: ContainerExitReason;
  /** Clock time (ms) the process started. */
  startedAt: number;
  /** Clock time (ms) the exit was seen. */
  finishedAt: number;
  /** Kubernetes' message, where it gives one (ContainerStatusUnknown). */
  message?: string;
}

/** A pod's restart policy. */
export type RestartPolicy = "Always" | "OnFailure" | "Never";
