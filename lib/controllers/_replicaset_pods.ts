/**
 * What the workload controllers ask of pods and owners, as Kubernetes' controller utilities and
 * podutil answer it: active, ready, available (minReadySeconds on the injected clock), and
 * controller references.
 *
 * @module
 */
import type { AnyObject, OwnerReference, Pod } from "../api/types.ts";

/** Counts: not in phase Succeeded or Failed, and not being deleted (controller.IsPodActive). */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed" && !pod.metadata.deletionTimestamp;
}

/** The Ready condition is True (podutil.IsPodReady). */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

/** When the pod became ready (ms), or undefined when it is not ready or the time is unknown. */
export function podReadySince(pod: Pod): number | undefined {
  if (!isPodReady(pod)) return undefined;
  const since = pod.status?.conditions?.find((c) => c.type === "Ready")?.lastTransitionTime;
  const ms = since ? Date.parse(since) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Ready for longer than minReadySeconds at `now` (podutil.IsPodAvailable: the ready time plus
 * minReadySeconds must lie strictly before now).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadySince(pod);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}

/**
 * Milliseconds until the first ready-but-not-yet-available pod becomes available, so that a
 * controller can look again then (undefined when there is none).
 */
export function nextAvailableInMs(
  pods: Pod[],
  minReadySeconds: number,
  now: number,
): number | undefined {
  if (minReadySeconds <= 0) return undefined;
  let next: number | undefined;
  for (const pod of pods) {
    const since = podReadySince(pod);
    if (since === undefined || isPodAvailable(pod, minReadySeconds, now)) continue;
    const wait = since + minReadySeconds * 1000 + 1 - now;
    if (next === undefined || wait < next) next = wait;
  }
  return next;
}

/** The owner reference with controller: true, if any (metav1.GetControllerOf). */
export function controllerRefOf(object: AnyObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

/** A controller reference to `owner` (metav1.NewControllerRef). */
export function newControllerRef(owner: AnyObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? "",
    uid: owner.metadata.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Whether `object` is controlled by the object with this uid. */
export function isControlledBy(object: AnyObject, uid: string | undefined): boolean {
  return uid !== undefined && controllerRefOf(object)?.uid === uid;
}
