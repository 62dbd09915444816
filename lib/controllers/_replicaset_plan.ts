/**
 * The replicaset controller's decision as a pure function: given a ReplicaSet and the pods that
 * may concern it, which pods to adopt, release, create and delete, and the status that results.
 *
 * @module
 */
import { labelSelectorFromObject, matchesLabels } from "../api/label_selector.ts";
import type { Pod, ReplicaSet, ReplicaSetStatus } from "../api/types.ts";
import { generateName, podFromTemplate, type RandomSource } from "./_replicaset_new_pod.ts";
import {
  controllerRefOf,
  isPodActive,
  newControllerRef,
  nextAvailableInMs,
} from "./_replicaset_pods.ts";
import { replicaSetStatus } from "./_replicaset_status.ts";
import { podsToDelete } from "./_replicaset_victims.ts";

/** Inputs of planReplicaSet besides the ReplicaSet and its candidate pods. */
export interface ReplicaSetPlanOptions {
  /** The clock's time (ms), for availability. */
  now: number;
  /** Source of the random pod-name suffixes (default Math.random). */
  random?: RandomSource;
  /** Active pods of every ReplicaSet of the same owner, for the doubled-up rank (default: its own). */
  related?: Pod[];
  /** Whether a pod name is already taken (new names avoid those). */
  nameTaken?: (name: string) => boolean;
  /** The most pods created or deleted in one go (Kubernetes' burstReplicas, default 500). */
  burstReplicas?: number;
}

/** What the ReplicaSet should write. */
export interface ReplicaSetPlan {
  /** Orphans that match the selector, with a controller reference to the ReplicaSet added. */
  adopt: Pod[];
  /** Owned pods that no longer match the selector, with the reference removed. */
  release: Pod[];
  /** New pods. */
  create: Pod[];
  /** Pods to delete. */
  delete: Pod[];
  /** The status once these writes are done. */
  status: ReplicaSetStatus;
  /** Look again after this long: a ready pod becomes available then. */
  requeueAfterMs?: number;
}

/** Claims pods as PodControllerRefManager.ClaimPods does: keep, adopt or release. */
function claim(rs: ReplicaSet, candidates: Pod[], plan: ReplicaSetPlan): Pod[] {
  const uid = rs.metadata.uid;
  const selector = labelSelectorFromObject(rs.spec.selector ?? {});
  const deleting = rs.metadata.deletionTimestamp !== undefined;
  const owned: Pod[] = [];
  for (const pod of candidates) {
    if (!isPodActive(pod)) continue;
    const ref = controllerRefOf(pod);
    const matches = selector.length > 0 && matchesLabels(selector, pod.metadata.labels);
    if (ref) {
      if (ref.uid !== uid) continue; // another controller's pod: never touched
      if (matches) owned.push(pod);
      else if (!deleting) {
        const released = structuredClone(pod);
        const rest = pod.metadata.ownerReferences!.filter((r) => r.uid !== uid);
        if (rest.length > 0) released.metadata.ownerReferences = rest;
        else delete released.metadata.ownerReferences;
        plan.release.push(released);
      }
    } else if (matches && !deleting) {
      const adopted = structuredClone(pod);
      adopted.metadata.ownerReferences = [
        ...(pod.metadata.ownerReferences ?? []),
        newControllerRef(rs),
      ];
      plan.adopt.push(adopted);
      owned.push(pod);
    }
  }
  return owned;
}

/**
 * Decides the writes of one replicaset sync: claim pods, then create the missing ones or delete
 * the surplus (victims in ActivePodsWithRanks order), at most burstReplicas at a time. A
 * ReplicaSet being deleted only claims nothing and reports status.
 */
export function planReplicaSet(
  rs: ReplicaSet,
  candidates: Pod[],
  options: ReplicaSetPlanOptions,
): ReplicaSetPlan {
  const plan: ReplicaSetPlan = {
    adopt: [],
    release: [],
    create: [],
    delete: [],
    status: { replicas: 0 },
  };
  const owned = claim(rs, candidates, plan);
  const burst = options.burstReplicas ?? 500;
  const diff = owned.length - (rs.spec.replicas ?? 1);
  if (!rs.metadata.deletionTimestamp && diff < 0) {
    const random = options.random ?? Math.random;
    const taken = new Set<string>();
    for (let i = 0; i < Math.min(-diff, burst); i++) {
      let name = generateName(`${rs.metadata.name}-`, random);
      while (taken.has(name) || options.nameTaken?.(name)) {
        name = generateName(`${rs.metadata.name}-`, random);
      }
      taken.add(name);
      plan.create.push(podFromTemplate(rs, name));
    }
  } else if (!rs.metadata.deletionTimestamp && diff > 0) {
    plan.delete = podsToDelete(owned, options.related ?? owned, Math.min(diff, burst));
    const doomed = new Set(plan.delete.map((p) => p.metadata.name));
    plan.adopt = plan.adopt.filter((p) => !doomed.has(p.metadata.name));
  }
  const doomed = new Set(plan.delete);
  const remaining = [...owned.filter((p) => !doomed.has(p)), ...plan.create];
  plan.status = replicaSetStatus(rs, remaining, options.now);
  const wait = nextAvailableInMs(remaining, rs.spec.minReadySeconds ?? 0, options.now);
  if (wait !== undefined) plan.requeueAfterMs = wait;
  return plan;
}
