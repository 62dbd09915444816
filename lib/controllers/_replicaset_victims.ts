/**
 * Which pods a ReplicaSet deletes when it has too many: Kubernetes' ActivePodsWithRanks order.
 *
 * @module
 */
import type { Pod } from "../api/types.ts";
import { isPodActive, isPodReady, podReadySince } from "./_replicaset_pods.ts";

/** The annotation that makes a pod cheaper (lower) or dearer (higher) to delete. */
export const POD_DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

interface Ranked {
  pod: Pod;
  /** Active related pods on the same node (doubled up ranks higher). */
  rank: number;
}

const deletionCost = (pod: Pod): number => {
  const cost = Number(pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION] ?? 0);
  return Number.isInteger(cost) ? cost : 0;
};

const maxRestarts = (pod: Pod): number =>
  Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));

const created = (pod: Pod): number => Date.parse(pod.metadata.creationTimestamp ?? "") || 0;

/** Newer first; an unknown (zero) time counts as newest, as afterOrZero does. */
function newerFirst(a: number | undefined, b: number | undefined): number {
  const x = a ?? 0, y = b ?? 0;
  if (x === y) return 0;
  if (x === 0 || y === 0) return x === 0 ? -1 : 1;
  return y - x;
}

/**
 * Negative when `a` should be deleted before `b`: unassigned before assigned, Pending before
 * Unknown before Running, not ready before ready, lower pod-deletion-cost first, more pods of the
 * same owner on its node first, ready more recently first, more restarts first, created more
 * recently first, then by name (Kubernetes breaks the last ties at random; kclone stays
 * deterministic and compares times linearly, not on LogarithmicScaleDown's log scale).
 */
function compareForDeletion(a: Ranked, b: Ranked): number {
  const nodeA = a.pod.spec.nodeName ?? "", nodeB = b.pod.spec.nodeName ?? "";
  if (nodeA !== nodeB && (nodeA === "" || nodeB === "")) return nodeA === "" ? -1 : 1;
  const phaseA = PHASE_ORDER[a.pod.status?.phase ?? ""] ?? 0;
  const phaseB = PHASE_ORDER[b.pod.status?.phase ?? ""] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;
  const readyA = isPodReady(a.pod), readyB = isPodReady(b.pod);
  if (readyA !== readyB) return readyA ? 1 : -1;
  const costA = deletionCost(a.pod), costB = deletionCost(b.pod);
  if (costA !== costB) return costA - costB;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (readyA && readyB) {
    const byReady = newerFirst(podReadySince(a.pod), podReadySince(b.pod));
    if (byReady !== 0) return byReady;
  }
  const restarts = maxRestarts(b.pod) - maxRestarts(a.pod);
  if (restarts !== 0) return restarts;
  const byCreation = newerFirst(created(a.pod), created(b.pod));
  if (byCreation !== 0) return byCreation;
  const nameA = a.pod.metadata.name ?? "", nameB = b.pod.metadata.name ?? "";
  return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
}

/**
 * The `count` pods of `pods` to delete first (getPodsToDelete). `related` are the active pods
 * of the same owner's ReplicaSets (a superset of `pods`); each pod ranks by how many of them share
 * its node, so that scale-down evens pods out over nodes.
 */
export function podsToDelete(pods: Pod[], related: Pod[], count: number): Pod[] {
  if (count <= 0) return [];
  const onNode = new Map<string, number>();
  for (const pod of related) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec.nodeName ?? "";
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec.nodeName ?? "") ?? 0 }));
  return ranked.sort(compareForDeletion).slice(0, count).map((r) => r.pod);
}
