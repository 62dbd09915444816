/**
 * The deployment controller's decision as a pure function (syncDeployment): given a Deployment,
 * the ReplicaSets it controls and their pods, the writes to make.
 *
 * @module
 */
import type { Deployment, Pod, ReplicaSet } from "../api/types.ts";
import type { EventRecord } from "./event_recorder.ts";
import { checkPausedConditions } from "./_deployment_status.ts";
import { semanticEqual } from "./_pod_template_hash.ts";
import { nextAvailableInMs } from "./_replicaset_pods.ts";
import { cleanupDeployment } from "./_rollout_cleanup.ts";
import { oldReplicaSets, syncNewReplicaSet } from "./_rollout_new_replicaset.ts";
import { syncDeploymentStatus } from "./_rollout_progress.ts";
import { rolloutRecreate } from "./_rollout_recreate.ts";
import { rolloutRolling } from "./_rollout_rolling.ts";
import { isScalingEvent, scale } from "./_rollout_scale.ts";
import { newRolloutState, type RolloutState } from "./_rollout_state.ts";
import { isRollingUpdate } from "./_rollout_util.ts";

/** What planDeployment reads besides the Deployment. */
export interface DeploymentPlanInput {
  /** The ReplicaSets the Deployment controls. */
  replicaSets: ReplicaSet[];
  /** Every pod of each of them, by ReplicaSet name. */
  pods: Map<string, Pod[]>;
  /** The clock's time (ms). */
  now: number;
  /** Whether a ReplicaSet name is taken in the namespace by one the Deployment does not control. */
  nameTaken?: (name: string) => boolean;
}

/** The writes of one deployment sync. */
export interface DeploymentPlan {
  /** A new ReplicaSet to create. */
  create?: ReplicaSet;
  /** ReplicaSets to update (scaled, annotated), based on the cached resourceVersion. */
  update: ReplicaSet[];
  /** Old ReplicaSets to delete (beyond revisionHistoryLimit). */
  delete: ReplicaSet[];
  /** The Deployment with new annotations or status, when they changed. */
  deployment?: Deployment;
  /** Events to record on the Deployment once the writes are done. */
  events: EventRecord[];
  /** Look again after this long (a pod becomes available, a progress deadline passes). */
  requeueAfterMs?: number;
}

/** Scaling and paused syncs: resize without rolling out (sync). */
function sync(state: RolloutState): void {
  const newRS = syncNewReplicaSet(state, false);
  const olds = oldReplicaSets(state, newRS);
  scale(state, newRS, olds);
  if (state.deployment.spec.paused) cleanupDeployment(state, olds);
  syncDeploymentStatus(state, state.replicaSets, newRS);
}

/** The earlier of two optional delays. */
const earlier = (a: number | undefined, b: number | undefined) =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);

/** Decides one deployment sync as syncDeployment does. */
export function planDeployment(d: Deployment, input: DeploymentPlanInput): DeploymentPlan {
  const state = newRolloutState(d, input.replicaSets, input.pods, input);
  let requeueAfterMs: number | undefined;
  if (d.metadata.deletionTimestamp) {
    const newRS = syncNewReplicaSet(state, false);
    syncDeploymentStatus(state, state.replicaSets, newRS);
  } else {
    checkPausedConditions(state);
    if (d.spec.paused) sync(state);
    else if (isScalingEvent(state, state.replicaSets)) sync(state);
    else if (isRollingUpdate(d)) requeueAfterMs = rolloutRolling(state);
    else requeueAfterMs = rolloutRecreate(state);
  }
  const allPods = [...input.pods.values()].flat();
  requeueAfterMs = earlier(
    requeueAfterMs,
    nextAvailableInMs(allPods, d.spec.minReadySeconds ?? 0, input.now),
  );
  return toPlan(d, state, requeueAfterMs);
}

/** The difference between the working state and the cached objects. */
function toPlan(d: Deployment, state: RolloutState, requeueAfterMs?: number): DeploymentPlan {
  const plan: DeploymentPlan = { update: [], delete: [], events: state.events };
  for (const rs of state.replicaSets) {
    const name = rs.metadata.name ?? "";
    const before = state.cached.get(name);
    if (state.deleteNames.has(name) && before) plan.delete.push(before);
    else if (!before) plan.create = rs;
    else if (!semanticEqual(rs, before)) plan.update.push(rs);
  }
  const changed = !semanticEqual(state.deployment.status, d.status) ||
    !semanticEqual(state.deployment.metadata.annotations, d.metadata.annotations);
  if (changed) plan.deployment = state.deployment;
  if (requeueAfterMs !== undefined) plan.requeueAfterMs = requeueAfterMs;
  return plan;
}
