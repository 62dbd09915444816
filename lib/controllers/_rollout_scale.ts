/**
 * Scaling a Deployment without rolling it out (the deployment controller's sync and scale): the
 * only active ReplicaSet takes all replicas; during a rollout, additions and removals are shared
 * among the active ReplicaSets in proportion to their size (proportional scaling).
 *
 * @module
 */
import type { ReplicaSet } from "../api/types.ts";
import { type RolloutState, scaleReplicaSet } from "./_rollout_state.ts";
import {
  byCreation,
  DESIRED_REPLICAS_ANNOTATION,
  isRollingUpdate,
  MAX_REPLICAS_ANNOTATION,
  maxSurge,
  replicasOf,
  specReplicas,
} from "./_rollout_util.ts";

const isActive = (rs: ReplicaSet | undefined): rs is ReplicaSet => !!rs && replicasOf(rs) > 0;

const intAnnotation = (rs: ReplicaSet, key: string): number | undefined => {
  const text = rs.metadata.annotations?.[key];
  return text !== undefined && /^-?\d+$/.test(text) ? Number(text) : undefined;
};

/** Whether an active ReplicaSet was sized for other replicas than the Deployment's now. */
export function isScalingEvent(state: RolloutState, all: (ReplicaSet | undefined)[]): boolean {
  const desired = replicasOf(state.deployment);
  return all.filter(isActive).some((rs) => {
    const annotated = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
    return annotated !== undefined && annotated !== desired;
  });
}

/** The only active ReplicaSet, or the newest when none is active (FindActiveOrLatest). */
function activeOrLatest(newRS: ReplicaSet | undefined, olds: ReplicaSet[]): ReplicaSet | undefined {
  const newestFirst = [...olds].sort((a, b) => byCreation(b, a));
  const active = [...newestFirst, newRS].filter(isActive);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/** The new ReplicaSet holds every replica and they are all available (IsSaturated). */
function isSaturated(state: RolloutState, rs: ReplicaSet | undefined): boolean {
  const desired = replicasOf(state.deployment);
  return !!rs && replicasOf(rs) === desired &&
    intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION) === desired &&
    (rs.status?.availableReplicas ?? 0) === desired;
}

/** This ReplicaSet's share of a change of `toAdd` replicas, `added` being given out (GetProportion). */
function proportion(state: RolloutState, rs: ReplicaSet, toAdd: number, added: number): number {
  const d = state.deployment;
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (replicasOf(d) === 0) fraction = -replicasOf(rs);
  else {
    let before = intAnnotation(rs, MAX_REPLICAS_ANNOTATION) ?? 0;
    if (before === 0) before = d.status?.replicas ?? 0;
    fraction = before === 0
      ? 0
      : Math.round((replicasOf(rs) * (replicasOf(d) + maxSurge(d))) / before) - replicasOf(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** Scales the Deployment's ReplicaSets to its replicas (scale). */
export function scale(
  state: RolloutState,
  newRS: ReplicaSet | undefined,
  olds: ReplicaSet[],
): void {
  const d = state.deployment;
  const desired = replicasOf(d);
  const only = activeOrLatest(newRS, olds);
  if (only) {
    // Kubernetes leaves stale replica annotations on a right-sized ReplicaSet; fixing them here
    // keeps a manual resize from looking like a scaling event forever.
    scaleReplicaSet(state, only, desired, true);
    return;
  }
  if (isSaturated(state, newRS)) {
    for (const old of olds.filter(isActive)) scaleReplicaSet(state, old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = [...olds, newRS].filter(isActive);
  const allowed = desired > 0 ? desired + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(all);
  // Larger first; equal sizes: newer first when growing, older first when shrinking.
  all.sort((a, b) =>
    replicasOf(b) - replicasOf(a) || (toAdd > 0 ? byCreation(b, a) : byCreation(a, b))
  );
  let added = 0;
  const sizes = all.map((rs) => {
    const share = proportion(state, rs, toAdd, added);
    added += share;
    return replicasOf(rs) + share;
  });
  if (toAdd !== 0 && all.length > 0) sizes[0] = Math.max(0, sizes[0] + toAdd - added);
  all.forEach((rs, i) => scaleReplicaSet(state, rs, sizes[i], true));
}
