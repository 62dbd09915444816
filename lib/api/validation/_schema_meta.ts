/**
 * Decoding schemas shared by every kind: ObjectMeta, LabelSelector, Condition.
 *
 * @module
 */
import type { z } from "zod";
import { bool, int64, list, quiet, str, stringMap, struct, time } from "./_schema_core.ts";

/** metav1.OwnerReference. */
function ownerReference(): z.ZodType {
  return struct("v1.OwnerReference", {
    apiVersion: str(),
    kind: str(),
    name: str(),
    uid: str(),
    controller: bool(),
    blockOwnerDeletion: bool(),
  });
}

/** metav1.ObjectMeta. */
export function objectMeta(): z.ZodType {
  return struct("v1.ObjectMeta", {
    name: str(),
    generateName: str(),
    namespace: str(),
    selfLink: quiet(str()),
    uid: str(),
    resourceVersion: str(),
    generation: int64(),
    creationTimestamp: time(),
    deletionTimestamp: time(),
    deletionGracePeriodSeconds: int64(),
    labels: stringMap(),
    annotations: stringMap(),
    ownerReferences: list(ownerReference()),
    finalizers: list(str()),
    managedFields: quiet(),
  });
}

/** metav1.LabelSelector. */
export function labelSelector(): z.ZodType {
  return struct("v1.LabelSelector", {
    matchLabels: stringMap(),
    matchExpressions: list(struct("v1.LabelSelectorRequirement", {
      key: str(),
      operator: str(),
      values: list(str()),
    })),
  });
}

/** A status condition; one schema serves the condition types of every kind. */
export function condition(goType: string): z.ZodType {
  return struct(goType, {
    type: str(),
    status: str(),
    reason: str(),
    message: str(),
    lastTransitionTime: time(),
    lastProbeTime: time(true),
    lastUpdateTime: time(),
    lastHeartbeatTime: time(),
    observedGeneration: quiet(int64()),
  });
}

/** A reference to another object (v1.ObjectReference), as Events and Endpoints carry it. */
export function objectReference(): z.ZodType {
  return struct("v1.ObjectReference", {
    kind: str(),
    namespace: str(),
    name: str(),
    uid: str(),
    apiVersion: str(),
    resourceVersion: str(),
    fieldPath: str(),
  });
}

/** A list of status conditions. */
export function conditions(goType: string): z.ZodType {
  return list(condition(goType));
}
