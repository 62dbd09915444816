/**
 * The RollingUpdate strategy (rolloutRolling): grow the new ReplicaSet within replicas +
 * maxSurge, shrink old ones while replicas - maxUnavailable pods stay available, oldest first.
 *
 * Kubernetes sizes steps from spec.replicas and the ReplicaSets' status; kclone also counts the
 * pods themselves (_rollout_capacity.ts), so that no step can overshoot while the replicaset
 * controller is catching up: the pod ceiling bounds the surge, the availability floor bounds the
 * scale-down.
 *
 * @module
 */
import type { ReplicaSet } from "../api/types.ts";
import { deploymentComplete } from "./_deployment_status.ts";
import { availableFloor } from "./_rollout_capacity.ts";
import { cleanupDeployment } from "./_rollout_cleanup.ts";
import {
  newReplicaSetReplicas,
  oldReplicaSets,
  syncNewReplicaSet,
} from "./_rollout_new_replicaset.ts";
import { syncRolloutStatus } from "./_rollout_progress.ts";
import { countsOf, type RolloutState, scaleReplicaSet } from "./_rollout_state.ts";
import { byCreation, maxUnavailable, replicasOf, specReplicas } from "./_rollout_util.ts";

/** Grows (or trims to replicas) the new ReplicaSet; true when it changed size. */
function reconcileNewReplicaSet(state: RolloutState, newRS: ReplicaSet): boolean {
  const desired = replicasOf(state.deployment);
  if (replicasOf(newRS) === desired) return false;
  if (replicasOf(newRS) > desired) return scaleReplicaSet(state, newRS, desired);
  return scaleReplicaSet(state, newRS, newReplicaSetReplicas(state, newRS));
}

/**
 * Shrinks old ReplicaSets (reconcileOldReplicaSets): first the replicas that are not ready
 * (missing or not-ready pods cost no availability), up to what the spec-level bound allows, then
 * as many as the availability floor allows above replicas - maxUnavailable. True when any shrank.
 */
function reconcileOldReplicaSets(
  state: RolloutState,
  newRS: ReplicaSet,
  olds: ReplicaSet[],
): boolean {
  const active = olds.filter((rs) => replicasOf(rs) > 0).sort(byCreation);
  if (specReplicas(active) === 0) return false;
  const all = [...olds, newRS];
  const d = state.deployment;
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - countsOf(state, newRS).available;
  const maxScaledDown = specReplicas(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  let scaled = false, cleaned = 0;
  for (const rs of active) {
    const unhealthy = replicasOf(rs) - countsOf(state, rs).ready;
    const cut = Math.min(maxScaledDown - cleaned, unhealthy);
    if (cut <= 0) continue;
    scaled = scaleReplicaSet(state, rs, replicasOf(rs) - cut) || scaled;
    cleaned += cut;
  }
  const budget = availableFloor(state, all) - minAvailable;
  let done = 0;
  for (const rs of active) {
    if (done >= budget) break;
    const cut = Math.min(replicasOf(rs), budget - done);
    if (cut <= 0) continue;
    scaled = scaleReplicaSet(state, rs, replicasOf(rs) - cut) || scaled;
    done += cut;
  }
  return scaled;
}

/** One RollingUpdate sync; returns after how long to look again for a progress timeout. */
export function rolloutRolling(state: RolloutState): number | undefined {
  const newRS = syncNewReplicaSet(state, true);
  if (!newRS) return undefined;
  const olds = oldReplicaSets(state, newRS);
  const all = [...olds, newRS];
  if (reconcileNewReplicaSet(state, newRS) || reconcileOldReplicaSets(state, newRS, olds)) {
    return syncRolloutStatus(state, all, newRS);
  }
  if (deploymentComplete(state.deployment, state.deployment.status)) cleanupDeployment(state, olds);
  return syncRolloutStatus(state, all, newRS);
}
