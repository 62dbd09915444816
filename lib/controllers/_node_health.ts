import { rfc3339 } from "../api/clock.ts";
import type { Condition, Lease, Node, Taint } from "../api/types.ts";
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from "./_node_taint_eviction.ts";

/** The taint of a cordoned node (spec.unschedulable). */
export const TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

/** The conditions the node lifecycle controller turns Unknown when the kubelet goes silent. */
const MONITORED = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];

/** The taints this controller owns, by key and effect. */
const OWNED: readonly Taint[] = [TAINT_UNREACHABLE, TAINT_NOT_READY].flatMap((key) => [
  { key, effect: "NoSchedule" as const },
  { key, effect: "NoExecute" as const },
]).concat([{ key: TAINT_UNSCHEDULABLE, effect: "NoSchedule" }]);

const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

/** The status of the node's Ready condition, if any. */
export function readyStatus(node: Node): Condition["status"] | undefined {
  return node.status?.conditions?.find((c) => c.type === "Ready")?.status;
}

/**
 * When the node last showed signs of life (ms): its Lease's renewTime or the heartbeat of the
 * Ready condition its kubelet posted, whichever is later; its creation when it never posted.
 */
export function lastHeartbeatAt(node: Node, lease: Lease | undefined): number {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  const times = [lease?.spec?.renewTime, ready?.lastHeartbeatTime]
    .map((t) => Date.parse(t ?? "")).filter((t) => !Number.isNaN(t));
  if (times.length > 0) return Math.max(...times);
  return Date.parse(node.metadata.creationTimestamp ?? "") || 0;
}

/**
 * The node's conditions once its kubelet is overdue, as kube-controller-manager words them:
 * Ready and the pressure conditions Unknown (NodeStatusUnknown, or NodeStatusNeverUpdated for a
 * kubelet that never posted); undefined when they are Unknown already.
 */
export function overdueConditions(node: Node, now: number): Condition[] | undefined {
  const time = rfc3339(now);
  const conditions = structuredClone(node.status?.conditions ?? []);
  let changed = false;
  for (const type of MONITORED) {
    const current = conditions.find((c) => c.type === type);
    if (current?.status === "Unknown") continue;
    changed = true;
    if (current) {
      current.status = "Unknown";
      current.reason = "NodeStatusUnknown";
      current.message = "Kubelet stopped posting node status.";
      current.lastTransitionTime = time;
      continue;
    }
    conditions.push({
      type,
      status: "Unknown",
      reason: "NodeStatusNeverUpdated",
      message: "Kubelet never posted node status.",
      lastHeartbeatTime: node.metadata.creationTimestamp,
      lastTransitionTime: time,
    });
  }
  return changed ? conditions : undefined;
}

/** What nodeTaints() decides from. */
export interface NodeState {
  /** The status of the node's Ready condition (after this controller's update), if any. */
  ready: Condition["status"] | undefined;
  /** Clock time (ms), for timeAdded. */
  now: number;
}

/** The controller's taints for a node's state: unreachable, not-ready, unschedulable. */
function wantedTaints(node: Node, ready: Condition["status"] | undefined): Taint[] {
  const key = ready === "Unknown" ? TAINT_UNREACHABLE : ready === "False" ? TAINT_NOT_READY : "";
  const wanted: Taint[] = key ? [{ key, effect: "NoSchedule" }, { key, effect: "NoExecute" }] : [];
  if (node.spec?.unschedulable) wanted.push({ key: TAINT_UNSCHEDULABLE, effect: "NoSchedule" });
  return wanted;
}

/**
 * The node's taints once the controller's own match its Ready condition, as the node lifecycle
 * controller keeps them (NoExecute ones stamped with timeAdded, which taint eviction counts
 * from; a NoExecute taint added by hand without one is stamped too); undefined when unchanged.
 * A node without a Ready condition keeps its not-ready and unreachable taints as they are.
 */
export function nodeTaints(node: Node, state: NodeState): Taint[] | undefined {
  const { ready, now } = state;
  const current = node.spec?.taints ?? [];
  const wanted = wantedTaints(node, ready);
  const keepReadiness = ready === undefined;
  const kept = current.filter((t) =>
    !OWNED.some((o) => same(o, t)) || wanted.some((w) => same(w, t)) ||
    (keepReadiness && t.key !== TAINT_UNSCHEDULABLE)
  );
  const added = wanted.filter((w) => !kept.some((t) => same(w, t)));
  const stamped = [...kept, ...added].map((t) =>
    t.effect === "NoExecute" && !t.timeAdded ? { ...t, timeAdded: rfc3339(now) } : t
  );
  const changed = stamped.length !== current.length || stamped.some((t, i) => t !== current[i]);
  return changed ? stamped : undefined;
}
