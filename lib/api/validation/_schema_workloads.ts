/**
 * Decoding schemas of the apps/v1 workloads: ReplicaSet and Deployment.
 *
 * @module
 */
import type { z } from "zod";
import { bool, int32, int64, intOrString, quiet, str, struct } from "./_schema_core.ts";
import { conditions, labelSelector, objectMeta } from "./_schema_meta.ts";
import { podTemplateSpec } from "./_schema_pod.ts";

/** apps/v1 ReplicaSet. */
export function replicaSet(): z.ZodType {
  return struct("v1.ReplicaSet", {
    apiVersion: str(),
    kind: str(),
    metadata: objectMeta(),
    spec: struct("v1.ReplicaSetSpec", {
      replicas: int32(),
      minReadySeconds: int32(),
      selector: labelSelector(),
      template: podTemplateSpec(),
    }),
    status: struct("v1.ReplicaSetStatus", {
      replicas: int32(),
      fullyLabeledReplicas: int32(),
      readyReplicas: int32(),
      availableReplicas: int32(),
      terminatingReplicas: quiet(int32()),
      observedGeneration: int64(),
      conditions: conditions("v1.ReplicaSetCondition"),
    }),
  });
}

/** apps/v1 Deployment. */
export function deployment(): z.ZodType {
  return struct("v1.Deployment", {
    apiVersion: str(),
    kind: str(),
    metadata: objectMeta(),
    spec: struct("v1.DeploymentSpec", {
      replicas: int32(),
      selector: labelSelector(),
      template: podTemplateSpec(),
      strategy: struct("v1.DeploymentStrategy", {
        type: str(),
        rollingUpdate: struct("v1.RollingUpdateDeployment", {
          maxUnavailable: intOrString(),
          maxSurge: intOrString(),
        }),
      }),
      minReadySeconds: int32(),
      revisionHistoryLimit: int32(),
      paused: bool(),
      progressDeadlineSeconds: int32(),
    }),
    status: struct("v1.DeploymentStatus", {
      observedGeneration: int64(),
      replicas: int32(),
      updatedReplicas: int32(),
      readyReplicas: int32(),
      availableReplicas: int32(),
      unavailableReplicas: int32(),
      terminatingReplicas: quiet(int32()),
      conditions: conditions("v1.DeploymentCondition"),
      collisionCount: int32(),
    }),
  });
}
