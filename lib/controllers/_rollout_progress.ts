/**
 * The Progressing condition during a rollout (syncRolloutStatus): NewReplicaSetAvailable once
 * complete, ReplicaSetUpdated while progress is made, ProgressDeadlineExceeded when none was made
 * within progressDeadlineSeconds.
 *
 * @module
 */
import type { DeploymentStatus, ReplicaSet } from "../api/types.ts";
import {
  calculateStatus,
  conditionOf,
  deploymentComplete,
  newCondition,
  removeCondition,
  setCondition,
} from "./_deployment_status.ts";
import type { RolloutState } from "./_rollout_state.ts";
import { hasProgressDeadline } from "./_rollout_util.ts";

/** Whether more pods were updated, ready or available, or fewer old ones remain (DeploymentProgressing). */
function progressing(old: DeploymentStatus, next: DeploymentStatus): boolean {
  const n = (value: number | undefined) => value ?? 0;
  const oldOld = n(old.replicas) - n(old.updatedReplicas);
  const newOld = n(next.replicas) - n(next.updatedReplicas);
  return n(next.updatedReplicas) > n(old.updatedReplicas) || newOld < oldOld ||
    n(next.readyReplicas) > n(old.readyReplicas) ||
    n(next.availableReplicas) > n(old.availableReplicas);
}

/** When (ms) a Progressing condition last updated at `lastUpdateTime` times out. */
function deadlineOf(lastUpdateTime: string | undefined, seconds: number): number {
  return (Date.parse(lastUpdateTime ?? "") || 0) + seconds * 1000;
}

/** Whether the rollout has made no progress within the deadline (DeploymentTimedOut). */
function timedOut(state: RolloutState, status: DeploymentStatus): boolean {
  const condition = conditionOf(status, "Progressing");
  if (!condition || condition.reason === "NewReplicaSetAvailable") return false;
  if (condition.reason === "ProgressDeadlineExceeded") return true;
  const seconds = state.deployment.spec.progressDeadlineSeconds ?? 600;
  return deadlineOf(condition.lastUpdateTime, seconds) < state.now;
}

/**
 * Sets the status of a rollout in the working Deployment; returns after how long to look again
 * for a timeout, if the rollout is still under way.
 */
export function syncRolloutStatus(
  state: RolloutState,
  all: ReplicaSet[],
  newRS: ReplicaSet | undefined,
): number | undefined {
  const d = state.deployment;
  const old = d.status ?? {};
  const next = calculateStatus(state, all, newRS);
  const withDeadline = hasProgressDeadline(d);
  if (!withDeadline) removeCondition(next, "Progressing");
  const current = conditionOf(old, "Progressing");
  const completeBefore = (next.replicas ?? 0) === (next.updatedReplicas ?? 0) &&
    current?.reason === "NewReplicaSetAvailable";
  const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
  if (withDeadline && !completeBefore) {
    if (deploymentComplete(d, next)) {
      const message = `${subject} has successfully progressed.`;
      setCondition(
        next,
        newCondition("Progressing", "True", "NewReplicaSetAvailable", message, state.now),
      );
    } else if (progressing(old, next)) {
      const condition = newCondition(
        "Progressing",
        "True",
        "ReplicaSetUpdated",
        `${subject} is progressing.`,
        state.now,
      );
      if (current) {
        if (current.status === "True") condition.lastTransitionTime = current.lastTransitionTime;
        removeCondition(next, "Progressing");
      }
      setCondition(next, condition);
    } else if (timedOut(state, next)) {
      const message = `${subject} has timed out progressing.`;
      setCondition(
        next,
        newCondition("Progressing", "False", "ProgressDeadlineExceeded", message, state.now),
      );
    }
  }
  d.status = next;
  const condition = conditionOf(next, "Progressing");
  if (!withDeadline || !condition || deploymentComplete(d, next)) return undefined;
  if (condition.reason === "ProgressDeadlineExceeded") return undefined;
  const seconds = d.spec.progressDeadlineSeconds ?? 600;
  return Math.max(0, deadlineOf(condition.lastUpdateTime, seconds) + 1 - state.now);
}

/** Sets the status without estimating progress (syncDeploymentStatus: scaling and paused syncs). */
export function syncDeploymentStatus(
  state: RolloutState,
  all: ReplicaSet[],
  newRS: ReplicaSet | undefined,
): void {
  state.deployment.status = calculateStatus(state, all, newRS);
}
