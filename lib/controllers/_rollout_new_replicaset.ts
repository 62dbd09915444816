/**
 * Finding or making a Deployment's new ReplicaSet, and keeping revisions in step
 * (getAllReplicaSetsAndSyncRevision and getNewReplicaSet).
 *
 * @module
 */
import type { ReplicaSet } from "../api/types.ts";
import { equalIgnoreHash, POD_TEMPLATE_HASH_LABEL, podTemplateHash } from "./_pod_template_hash.ts";
import { newControllerRef } from "./_replicaset_pods.ts";
import { conditionOf, newCondition, setCondition } from "./_deployment_status.ts";
import { setDeploymentRevision, setNewReplicaSetAnnotations } from "./_rollout_annotations.ts";
import { podCeiling } from "./_rollout_capacity.ts";
import type { RolloutState } from "./_rollout_state.ts";
import {
  byCreation,
  hasProgressDeadline,
  isRollingUpdate,
  maxRevision,
  maxSurge,
  replicasOf,
  REVISION_ANNOTATION,
} from "./_rollout_util.ts";

/** The oldest ReplicaSet whose template is the Deployment's, hash label aside (FindNewReplicaSet). */
export function findNewReplicaSet(state: RolloutState): ReplicaSet | undefined {
  const template = state.deployment.spec.template;
  return [...state.replicaSets].sort(byCreation).find((rs) =>
    equalIgnoreHash(rs.spec.template, template)
  );
}

/** The Deployment's ReplicaSets other than the new one. */
export function oldReplicaSets(state: RolloutState, newRS: ReplicaSet | undefined): ReplicaSet[] {
  return state.replicaSets.filter((rs) => rs !== newRS);
}

/**
 * The size of the new ReplicaSet (NewRSNewReplicas): Recreate takes all replicas at once; a
 * rolling update grows it while the pod ceiling stays within replicas + maxSurge.
 */
export function newReplicaSetReplicas(state: RolloutState, newRS: ReplicaSet): number {
  const d = state.deployment;
  const desired = replicasOf(d);
  if (!isRollingUpdate(d)) return desired;
  const maxTotal = desired + maxSurge(d);
  const current = podCeiling(state, state.replicaSets);
  if (current >= maxTotal) return replicasOf(newRS);
  return replicasOf(newRS) + Math.min(maxTotal - current, desired - replicasOf(newRS));
}

/** A ReplicaSet for the Deployment's template, named `<deployment>-<hash>`, with 0 replicas. */
function buildReplicaSet(state: RolloutState, hash: string): ReplicaSet {
  const d = state.deployment;
  const template = structuredClone(d.spec.template);
  const labels = { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash };
  template.metadata = { ...template.metadata, labels };
  const selector = structuredClone(d.spec.selector);
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...labels },
      ownerReferences: [newControllerRef(d)],
    },
    spec: {
      replicas: 0,
      ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
      selector,
      template,
    },
  };
}

/**
 * Returns the new ReplicaSet with its revision (max of the old ones + 1) and annotations synced,
 * and the Deployment's revision set from it. Creates it when asked and absent; a name taken by a
 * ReplicaSet with another template is a hash collision: collisionCount goes up and the sync stops.
 */
export function syncNewReplicaSet(state: RolloutState, create: boolean): ReplicaSet | undefined {
  const d = state.deployment;
  const existing = findNewReplicaSet(state);
  const newRevision = maxRevision(oldReplicaSets(state, existing)) + 1;
  const status = d.status ??= {};
  if (existing) {
    setNewReplicaSetAnnotations(d, existing, newRevision, true);
    if ((existing.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0)) {
      if (d.spec.minReadySeconds) existing.spec.minReadySeconds = d.spec.minReadySeconds;
      else delete existing.spec.minReadySeconds;
    }
    const revision = existing.metadata.annotations?.[REVISION_ANNOTATION];
    setDeploymentRevision(d, revision ?? String(newRevision));
    if (hasProgressDeadline(d) && !conditionOf(status, "Progressing")) {
      const message = `Found new replica set "${existing.metadata.name}"`;
      setCondition(
        status,
        newCondition("Progressing", "True", "FoundNewReplicaSet", message, state.now),
      );
    }
    return existing;
  }
  if (!create) return undefined;
  const rs = buildReplicaSet(state, podTemplateHash(d.spec.template, status.collisionCount));
  if (state.nameTaken(rs.metadata.name!)) {
    status.collisionCount = (status.collisionCount ?? 0) + 1;
    state.aborted = true;
    return undefined;
  }
  state.replicaSets.push(rs);
  state.createName = rs.metadata.name;
  rs.spec.replicas = newReplicaSetReplicas(state, rs);
  setNewReplicaSetAnnotations(d, rs, newRevision, false);
  if (rs.spec.replicas > 0) {
    state.events.push({
      type: "Normal",
      reason: "ScalingReplicaSet",
      message: `Scaled up replica set ${rs.metadata.name} from 0 to ${rs.spec.replicas}`,
    });
  }
  setDeploymentRevision(d, String(newRevision));
  if (hasProgressDeadline(d)) {
    const message = `Created new replica set "${rs.metadata.name}"`;
    setCondition(
      status,
      newCondition("Progressing", "True", "NewReplicaSetCreated", message, state.now),
    );
  }
  return rs;
}
