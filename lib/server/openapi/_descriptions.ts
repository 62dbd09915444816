/**
 * Descriptions that `kubectl explain` prints, in Kubernetes' words (from the API's Go doc
 * comments). Keys are `Struct` for a type and `Struct.field` for a field; fields without an
 * entry have no description.
 *
 * @module
 */

const DESCRIPTIONS: Record<string, string> = {
  Deployment: "Deployment enables declarative updates for Pods and ReplicaSets.",
  "Deployment.metadata":
    "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
  "Deployment.spec": "Specification of the desired behavior of the Deployment.",
  "Deployment.status": "Most recently observed status of the Deployment.",
  DeploymentSpec: "DeploymentSpec is the specification of the desired behavior of the Deployment.",
  "DeploymentSpec.replicas":
    "Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.",
  "DeploymentSpec.selector":
    "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
  "DeploymentSpec.template":
    'Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".',
  "DeploymentSpec.strategy":
    "The deployment strategy to use to replace existing pods with new ones.",
  "DeploymentSpec.minReadySeconds":
    "Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)",
  "DeploymentSpec.revisionHistoryLimit":
    "The number of old ReplicaSets to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 10.",
  "DeploymentSpec.paused": "Indicates that the deployment is paused.",
  "DeploymentSpec.progressDeadlineSeconds":
    "The maximum time in seconds for a deployment to make progress before it is considered to be failed. The deployment controller will continue to process failed deployments and a condition with a ProgressDeadlineExceeded reason will be surfaced in the deployment status. Note that progress will not be estimated during the time a deployment is paused. Defaults to 600s.",
  DeploymentStrategy: "DeploymentStrategy describes how to replace existing pods with new ones.",
  "DeploymentStrategy.type":
    'Type of deployment. Can be "Recreate" or "RollingUpdate". Default is RollingUpdate.\n\nPossible enum values:\n - `"Recreate"` Kill all existing pods before creating new ones.\n - `"RollingUpdate"` Replace the old ReplicaSets by new one using rolling update i.e gradually scale down the old ReplicaSets and scale up the new one.',
  "DeploymentStrategy.rollingUpdate":
    "Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.",
  RollingUpdateDeployment: "Spec to control the desired behavior of rolling update.",
  "RollingUpdateDeployment.maxUnavailable":
    "The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Absolute number is calculated from percentage by rounding down. This can not be 0 if MaxSurge is 0. Defaults to 25%. Example: when this is set to 30%, the old ReplicaSet can be scaled down to 70% of desired pods immediately when the rolling update starts. Once new pods are ready, old ReplicaSet can be scaled down further, followed by scaling up the new ReplicaSet, ensuring that the total number of pods available at all times during the update is at least 70% of desired pods.",
  "RollingUpdateDeployment.maxSurge":
    "The maximum number of pods that can be scheduled above the desired number of pods. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). This can not be 0 if MaxUnavailable is 0. Absolute number is calculated from percentage by rounding up. Defaults to 25%. Example: when this is set to 30%, the new ReplicaSet can be scaled up immediately when the rolling update starts, such that the total number of old and new pods do not exceed 130% of desired pods. Once old pods have been killed, new ReplicaSet can be scaled up further, ensuring that total number of pods running at any time during the update is at most 130% of desired pods.",
  ReplicaSet:
    "ReplicaSet ensures that a specified number of pod replicas are running at any given time.",
  Pod:
    "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.",
  Service:
    "Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.",
  Node:
    "Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).",
  Namespace: "Namespace provides a scope for Names. Use of multiple namespaces is optional.",
  Endpoints: "Endpoints is a collection of endpoints that implement the actual service.",
  Event: "Event is a report of an event somewhere in the cluster.",
  Lease: "Lease defines a lease concept.",
  ObjectMeta:
    "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
};

/** The enum values of string fields that Kubernetes declares as enums. */
const ENUMS: Record<string, string[]> = {
  "DeploymentStrategy.type": ["Recreate", "RollingUpdate"],
};

/** The description of a type (`Struct`) or a field (`Struct.field`), if there is one. */
export function describe(key: string): string | undefined {
  return DESCRIPTIONS[key];
}

/** The enum values of a field (`Struct.field`), if Kubernetes declares them. */
export function enumOf(key: string): string[] | undefined {
  return ENUMS[key];
}
