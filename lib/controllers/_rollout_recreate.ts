/**
 * The Recreate strategy (rolloutRecreate): scale every old ReplicaSet to 0, wait until no old pod
 * is left running, then create (or scale up) the new ReplicaSet with all replicas at once.
 *
 * @module
 */
import type { ReplicaSet } from "../api/types.ts";
import { deploymentComplete } from "./_deployment_status.ts";
import { cleanupDeployment } from "./_rollout_cleanup.ts";
import { oldReplicaSets, syncNewReplicaSet } from "./_rollout_new_replicaset.ts";
import { syncRolloutStatus } from "./_rollout_progress.ts";
import { type RolloutState, scaleReplicaSet } from "./_rollout_state.ts";
import { replicasOf } from "./_rollout_util.ts";

/** Whether an old ReplicaSet still reports pods, or has a pod not yet Succeeded or Failed. */
function oldPodsRunning(state: RolloutState, olds: ReplicaSet[]): boolean {
  if (olds.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
  return olds.some((rs) =>
    (state.pods.get(rs.metadata.name ?? "") ?? []).some((pod) =>
      pod.status?.phase !== "Succeeded" && pod.status?.phase !== "Failed"
    )
  );
}

/** One Recreate sync; returns after how long to look again for a progress timeout. */
export function rolloutRecreate(state: RolloutState): number | undefined {
  let newRS = syncNewReplicaSet(state, false);
  let olds = oldReplicaSets(state, newRS);
  let scaledDown = false;
  for (const rs of olds.filter((rs) => replicasOf(rs) > 0)) {
    scaledDown = scaleReplicaSet(state, rs, 0) || scaledDown;
  }
  if (scaledDown || oldPodsRunning(state, olds)) {
    return syncRolloutStatus(state, newRS ? [...olds, newRS] : olds, newRS);
  }
  if (!newRS) {
    newRS = syncNewReplicaSet(state, true);
    if (!newRS) return undefined;
    olds = oldReplicaSets(state, newRS);
  }
  scaleReplicaSet(state, newRS, replicasOf(state.deployment));
  if (deploymentComplete(state.deployment, state.deployment.status)) cleanupDeployment(state, olds);
  return syncRolloutStatus(state, [...olds, newRS], newRS);
}
