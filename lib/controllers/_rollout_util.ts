/**
 * Small facts about Deployments and their ReplicaSets, as Kubernetes' deploymentutil states them:
 * annotations, surge and unavailability fenceposts, revisions, orderings.
 *
 * @module
 */
import type { Deployment, IntOrString, ReplicaSet } from "../api/types.ts";

/** The rollout sequence number of a Deployment and of its ReplicaSets. */
export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
/** Earlier revisions a ReplicaSet served (it was rolled back to). */
export const REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history";
/** spec.replicas of the Deployment when it last scaled the ReplicaSet. */
export const DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas";
/** spec.replicas + maxSurge of the Deployment when it last scaled the ReplicaSet. */
export const MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas";
/** kubectl's record of the last applied configuration. */
export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
/** The change cause `kubectl rollout history` shows. */
export const CHANGE_CAUSE_ANNOTATION = "kubernetes.io/change-cause";
/** Annotations that are never copied between a Deployment and its ReplicaSets. */
export const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  "deprecated.deployment.rollback.to",
]);
/** Longest revision-history annotation kept (the controller's default, in characters). */
export const MAX_REVISION_HISTORY_CHARS = 2000;
/** A progressDeadlineSeconds that means "no deadline". */
const NO_DEADLINE = 2147483647;

/** spec.replicas, defaulted to 1. */
export function replicasOf(object: Deployment | ReplicaSet | undefined): number {
  return object?.spec.replicas ?? 1;
}

/** Whether the Deployment rolls (the default) rather than recreates. */
export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? "RollingUpdate") === "RollingUpdate";
}

/** A count or percent of `total`; percents round up or down (intstr.GetScaledValueFromIntOrPercent). */
export function scaledValue(
  value: IntOrString | undefined,
  total: number,
  roundUp: boolean,
): number {
  if (value === undefined) return 0;
  if (typeof value === "number") return value;
  const percent = /^(\d+)%$/.exec(value);
  if (!percent) return Number.isInteger(Number(value)) ? Number(value) : 0;
  const exact = (Number(percent[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * maxSurge (rounded up) and maxUnavailable (rounded down) for `desired` replicas; when both come
 * out 0, maxUnavailable becomes 1 (ResolveFenceposts).
 */
export function resolveFenceposts(
  d: Deployment,
  desired: number = replicasOf(d),
): { maxSurge: number; maxUnavailable: number } {
  const rolling = d.spec.strategy?.rollingUpdate ?? {};
  const maxSurge = scaledValue(rolling.maxSurge ?? "25%", desired, true);
  let maxUnavailable = scaledValue(rolling.maxUnavailable ?? "25%", desired, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** The surge of a rolling Deployment; 0 for Recreate. */
export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).maxSurge : 0;
}

/** The unavailability a rolling Deployment allows, at most its replicas; 0 for Recreate. */
export function maxUnavailable(d: Deployment): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(resolveFenceposts(d).maxUnavailable, replicas);
}

/** The revision annotation as a number (0 when absent, NaN when not a number). */
export function revisionOf(object: Deployment | ReplicaSet): number {
  const text = object.metadata.annotations?.[REVISION_ANNOTATION];
  if (text === undefined) return 0;
  return /^\d+$/.test(text) ? Number(text) : NaN;
}

/** The highest revision among the ReplicaSets (0 when none). */
export function maxRevision(replicaSets: ReplicaSet[]): number {
  let max = 0;
  for (const rs of replicaSets) {
    const revision = revisionOf(rs);
    if (revision > max) max = revision;
  }
  return max;
}

/** Oldest first, ties by name (ReplicaSetsByCreationTimestamp). */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ta = Date.parse(a.metadata.creationTimestamp ?? "") || 0;
  const tb = Date.parse(b.metadata.creationTimestamp ?? "") || 0;
  if (ta !== tb) return ta - tb;
  const na = a.metadata.name ?? "", nb = b.metadata.name ?? "";
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Lowest revision first, ties by creation (ReplicaSetsByRevision). */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  return (revisionOf(a) || 0) - (revisionOf(b) || 0) || byCreation(a, b);
}

/** Sum of spec.replicas. */
export function specReplicas(replicaSets: ReplicaSet[]): number {
  return replicaSets.reduce((sum, rs) => sum + replicasOf(rs), 0);
}

/** Whether the progress deadline applies (HasProgressDeadline). */
export function hasProgressDeadline(d: Deployment): boolean {
  return (d.spec.progressDeadlineSeconds ?? 600) !== NO_DEADLINE;
}

/** Sets the desired-replicas and max-replicas annotations; true when they changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = rs.metadata.annotations ??= {};
  const changed = annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired) ||
    annotations[MAX_REPLICAS_ANNOTATION] !== String(max);
  annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired);
  annotations[MAX_REPLICAS_ANNOTATION] = String(max);
  return changed;
}
