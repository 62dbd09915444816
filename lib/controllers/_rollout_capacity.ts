/**
 * The two bounds a rolling update keeps at every instant, counted from the pods themselves so
 * that they hold while the replicaset controller is still catching up:
 *
 * - the pod ceiling: each ReplicaSet will soon have max(spec.replicas, active pods) pods at most
 *   (the replicaset controller only creates up to spec and only deletes down to it), so the sum
 *   bounds the pods now and after every pending create or delete;
 * - the availability floor: a ReplicaSet with more pods than spec deletes not-ready pods first
 *   (ActivePodsWithRanks puts them before ready ones), so at worst it loses
 *   min(available, surplus - notReady) available pods; what stays is available whatever the
 *   replicaset controller picks.
 *
 * @module
 */
import type { ReplicaSet } from "../api/types.ts";
import { countsOf, type PodCounts, type RolloutState } from "./_rollout_state.ts";
import { replicasOf } from "./_rollout_util.ts";

/** Available pods a ReplicaSet may lose, at worst, once it is down to `spec` pods. */
export function worstCaseLoss(counts: PodCounts, spec: number): number {
  const notReady = counts.active - counts.ready;
  return Math.min(counts.available, Math.max(0, counts.active - spec - notReady));
}

/** The most pods these ReplicaSets can have now or once their controllers act. */
export function podCeiling(state: RolloutState, replicaSets: ReplicaSet[]): number {
  return replicaSets.reduce(
    (sum, rs) => sum + Math.max(replicasOf(rs), countsOf(state, rs).active),
    0,
  );
}

/** The fewest available pods these ReplicaSets can have once their controllers act. */
export function availableFloor(state: RolloutState, replicaSets: ReplicaSet[]): number {
  return replicaSets.reduce((sum, rs) => {
    const counts = countsOf(state, rs);
    return sum + counts.available - worstCaseLoss(counts, replicasOf(rs));
  }, 0);
}
