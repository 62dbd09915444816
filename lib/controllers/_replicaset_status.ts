/**
 * A ReplicaSet's status as the replicaset controller's calculateStatus computes it.
 *
 * @module
 */
import { matchesLabels, selectorFromSet } from "../api/label_selector.ts";
import type { Pod, ReplicaSet, ReplicaSetStatus } from "../api/types.ts";
import { isPodAvailable, isPodReady } from "./_replicaset_pods.ts";

/**
 * The status of `rs` whose active pods are `pods`: replicas, pods labelled as the template
 * (fullyLabeledReplicas), ready, available (ready longer than minReadySeconds at `now`), and the
 * generation observed. Zero counts other than replicas are left out, as Kubernetes' omitempty does.
 */
export function replicaSetStatus(rs: ReplicaSet, pods: Pod[], now: number): ReplicaSetStatus {
  const templateLabels = rs.spec.template?.metadata?.labels ?? {};
  const template = selectorFromSet(templateLabels);
  const minReadySeconds = rs.spec.minReadySeconds ?? 0;
  let fullyLabeled = 0, ready = 0, available = 0;
  for (const pod of pods) {
    if (matchesLabels(template, pod.metadata.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, now)) available++;
    }
  }
  const status: ReplicaSetStatus = { replicas: pods.length };
  if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (rs.metadata.generation) status.observedGeneration = rs.metadata.generation;
  if (rs.status?.conditions?.length) status.conditions = rs.status.conditions;
  return status;
}
