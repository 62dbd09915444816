/**
 * A Deployment's status and its Available and Progressing conditions, as the deployment
 * controller's calculateStatus, syncRolloutStatus and checkPausedConditions compute them.
 *
 * @module
 */
import { rfc3339 } from "../api/clock.ts";
import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from "../api/types.ts";
import type { RolloutState } from "./_rollout_state.ts";
import { hasProgressDeadline, maxUnavailable, replicasOf } from "./_rollout_util.ts";

/** A condition of `type` stamped with `now` (NewDeploymentCondition). */
export function newCondition(
  type: string,
  status: Condition["status"],
  reason: string,
  message: string,
  now: number,
): Condition {
  const time = rfc3339(now);
  return { type, status, lastUpdateTime: time, lastTransitionTime: time, reason, message };
}

/** The condition of a type, if any. */
export function conditionOf(
  status: DeploymentStatus | undefined,
  type: string,
): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * Sets a condition as SetDeploymentCondition does: nothing when status and reason are the same;
 * the transition time kept when only the reason changes; the condition moves to the end.
 */
export function setCondition(status: DeploymentStatus, condition: Condition): void {
  const current = conditionOf(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) {
    next.lastTransitionTime = current.lastTransitionTime;
  }
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

/** Removes the condition of a type. */
export function removeCondition(status: DeploymentStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (status.conditions.length === 0) delete status.conditions;
}

/** All replicas updated, existing and available, and the generation observed (DeploymentComplete). */
export function deploymentComplete(d: Deployment, status: DeploymentStatus | undefined): boolean {
  const replicas = replicasOf(d);
  return (status?.updatedReplicas ?? 0) === replicas && (status?.replicas ?? 0) === replicas &&
    (status?.availableReplicas ?? 0) === replicas &&
    (status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

const sum = (rss: (ReplicaSet | undefined)[], pick: (rs: ReplicaSet) => number | undefined) =>
  rss.reduce((total, rs) => total + ((rs && pick(rs)) ?? 0), 0);

/**
 * The status from the ReplicaSets' statuses (calculateStatus): counts, the observed generation,
 * and the Available condition against replicas - maxUnavailable. Zero counts are left out.
 */
export function calculateStatus(
  state: RolloutState,
  all: ReplicaSet[],
  newRS: ReplicaSet | undefined,
): DeploymentStatus {
  const d = state.deployment;
  const available = sum(all, (rs) => rs.status?.availableReplicas);
  const total = sum(all, (rs) => rs.spec.replicas ?? 1);
  const counts: Record<string, number> = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: sum(all, (rs) => rs.status?.replicas),
    updatedReplicas: sum([newRS], (rs) => rs.status?.replicas),
    readyReplicas: sum(all, (rs) => rs.status?.readyReplicas),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  const status: DeploymentStatus = {};
  for (const [key, value] of Object.entries(counts)) {
    if (value) (status as Record<string, number>)[key] = value;
  }
  if (d.status?.conditions?.length) status.conditions = structuredClone(d.status.conditions);
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  setCondition(
    status,
    available >= replicasOf(d) - maxUnavailable(d)
      ? newCondition(
        "Available",
        "True",
        "MinimumReplicasAvailable",
        "Deployment has minimum availability.",
        state.now,
      )
      : newCondition(
        "Available",
        "False",
        "MinimumReplicasUnavailable",
        "Deployment does not have minimum availability.",
        state.now,
      ),
  );
  return status;
}

/**
 * Sets the Progressing condition to DeploymentPaused (`Deployment is paused`) or
 * DeploymentResumed (`Deployment is resumed`) as spec.paused changes, unless the rollout has
 * timed out (checkPausedConditions).
 */
export function checkPausedConditions(state: RolloutState): void {
  const d = state.deployment;
  if (!hasProgressDeadline(d)) return;
  const current = conditionOf(d.status, "Progressing");
  if (current?.reason === "ProgressDeadlineExceeded") return;
  const pausedNoted = current?.reason === "DeploymentPaused";
  const status = d.status ??= {};
  if (d.spec.paused && !pausedNoted) {
    setCondition(
      status,
      newCondition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", state.now),
    );
  } else if (!d.spec.paused && pausedNoted) {
    setCondition(
      status,
      newCondition(
        "Progressing",
        "Unknown",
        "DeploymentResumed",
        "Deployment is resumed",
        state.now,
      ),
    );
  }
}
