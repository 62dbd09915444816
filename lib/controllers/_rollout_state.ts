/**
 * The working state of one deployment sync: copies of the Deployment and its ReplicaSets that the
 * rollout steps change, what the pods of each ReplicaSet look like, and the events to record.
 * The steps read and change this state; the plan is the difference from the cached objects.
 *
 * @module
 */
import type { Deployment, Pod, ReplicaSet } from "../api/types.ts";
import type { EventRecord } from "./event_recorder.ts";
import { isPodActive, isPodAvailable, isPodReady } from "./_replicaset_pods.ts";
import { maxSurge, replicasOf, setReplicasAnnotations } from "./_rollout_util.ts";

/** How the pods of one ReplicaSet stand. */
export interface PodCounts {
  /** Active pods (not terminal, not being deleted). */
  active: number;
  /** Active pods that are ready. */
  ready: number;
  /** Ready pods that are available under the Deployment's minReadySeconds. */
  available: number;
}

/** One deployment sync in progress. */
export interface RolloutState {
  /** The working copy of the Deployment: annotations and status change. */
  deployment: Deployment;
  /** Working copies of the Deployment's ReplicaSets, plus a new one to create. */
  replicaSets: ReplicaSet[];
  /** The ReplicaSets as cached, by name (never changed). */
  cached: Map<string, ReplicaSet>;
  /** Name of the ReplicaSet to create, when there is one. */
  createName?: string;
  /** Names of ReplicaSets to delete (history cleanup). */
  deleteNames: Set<string>;
  /** Every pod of each ReplicaSet, by ReplicaSet name. */
  pods: Map<string, Pod[]>;
  /** Pod counts by ReplicaSet name. */
  counts: Map<string, PodCounts>;
  /** The clock's time (ms). */
  now: number;
  /** Events to record on the Deployment once the writes succeed. */
  events: EventRecord[];
  /** Whether a ReplicaSet name is taken by one the Deployment cannot use (a hash collision). */
  nameTaken: (name: string) => boolean;
  /** Set when the sync stops early (a collision was found). */
  aborted?: boolean;
}

/** A state whose copies are independent of the cached objects. */
export function newRolloutState(
  deployment: Deployment,
  replicaSets: ReplicaSet[],
  pods: Map<string, Pod[]>,
  options: { now: number; nameTaken?: (name: string) => boolean },
): RolloutState {
  const minReadySeconds = deployment.spec.minReadySeconds ?? 0;
  const counts = new Map<string, PodCounts>();
  for (const [name, list] of pods) {
    const active = list.filter(isPodActive);
    const ready = active.filter(isPodReady);
    const available = ready.filter((p) => isPodAvailable(p, minReadySeconds, options.now));
    counts.set(name, { active: active.length, ready: ready.length, available: available.length });
  }
  return {
    deployment: structuredClone(deployment),
    replicaSets: replicaSets.map((rs) => structuredClone(rs)),
    cached: new Map(replicaSets.map((rs) => [rs.metadata.name ?? "", rs])),
    deleteNames: new Set(),
    pods,
    counts,
    now: options.now,
    events: [],
    nameTaken: options.nameTaken ?? (() => false),
  };
}

/** The pod counts of a ReplicaSet (zero for one without pods). */
export function countsOf(state: RolloutState, rs: ReplicaSet): PodCounts {
  return state.counts.get(rs.metadata.name ?? "") ?? { active: 0, ready: 0, available: 0 };
}

/**
 * Scales a ReplicaSet in the working state and keeps its replica annotations current, as
 * scaleReplicaSetAndRecordEvent does; records `Scaled up replica set web-5d9c8b7f6 from 1 to 3`.
 * An unchanged size changes nothing unless `annotateUnchanged` (proportional scaling's
 * scaleReplicaSet). True when the size changed.
 */
export function scaleReplicaSet(
  state: RolloutState,
  rs: ReplicaSet,
  newScale: number,
  annotateUnchanged = false,
): boolean {
  const d = state.deployment;
  const oldScale = replicasOf(rs);
  if (oldScale === newScale && !annotateUnchanged) return false;
  rs.spec.replicas = newScale;
  setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d));
  if (oldScale === newScale) return false;
  const direction = oldScale < newScale ? "up" : "down";
  state.events.push({
    type: "Normal",
    reason: "ScalingReplicaSet",
    message: `Scaled ${direction} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`,
  });
  return true;
}
