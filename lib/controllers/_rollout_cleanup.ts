/**
 * Revision history pruning (cleanupDeployment): old ReplicaSets beyond revisionHistoryLimit are
 * deleted, lowest revision first, once scaled to 0 with no pods left and their scale observed.
 *
 * @module
 */
import type { ReplicaSet } from "../api/types.ts";
import type { RolloutState } from "./_rollout_state.ts";
import { byRevision, replicasOf } from "./_rollout_util.ts";

/** "Keep every revision", as Kubernetes spells it. */
const KEEP_ALL = 2147483647;

/** Marks the old ReplicaSets to delete (never one this sync scales). */
export function cleanupDeployment(state: RolloutState, olds: ReplicaSet[]): void {
  const limit = state.deployment.spec.revisionHistoryLimit ?? 10;
  if (limit === KEEP_ALL) return;
  const cleanable = olds.filter((rs) => !rs.metadata.deletionTimestamp);
  const surplus = cleanable.length - limit;
  if (surplus <= 0) return;
  for (const rs of [...cleanable].sort(byRevision).slice(0, surplus)) {
    const before = state.cached.get(rs.metadata.name ?? "");
    if (!before || replicasOf(rs) !== 0 || replicasOf(before) !== 0) continue;
    if ((rs.status?.replicas ?? 0) !== 0) continue;
    if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    state.deleteNames.add(rs.metadata.name!);
  }
}
