/**
 * The `x-kubernetes-*` list extensions of Kubernetes' OpenAPI, by `Struct.field`: how
 * strategic merge patch and server-side apply merge each list (merge keys as in the Go types'
 * `patchStrategy`/`patchMergeKey` and `+listType`/`+listMapKey` tags).
 *
 * @module
 */

type Extensions = Record<string, unknown>;

function merge(key: string, mapKeys: string[] = [key], strategy = "merge"): Extensions {
  return {
    "x-kubernetes-list-map-keys": mapKeys,
    "x-kubernetes-list-type": "map",
    "x-kubernetes-patch-merge-key": key,
    "x-kubernetes-patch-strategy": strategy,
  };
}

const ATOMIC: Extensions = { "x-kubernetes-list-type": "atomic" };
const SET_MERGE: Extensions = {
  "x-kubernetes-list-type": "set",
  "x-kubernetes-patch-strategy": "merge",
};
const CONDITIONS: Extensions = merge("type");

const EXTENSIONS: Record<string, Extensions> = {
  "ObjectMeta.ownerReferences": merge("uid"),
  "ObjectMeta.finalizers": SET_MERGE,
  "ObjectMeta.managedFields": ATOMIC,
  "LabelSelector.matchExpressions": ATOMIC,
  "LabelSelectorRequirement.values": ATOMIC,
  "PodSpec.containers": merge("name"),
  "PodSpec.initContainers": merge("name"),
  "PodSpec.ephemeralContainers": merge("name"),
  "PodSpec.volumes": merge("name", ["name"], "merge,retainKeys"),
  "PodSpec.imagePullSecrets": merge("name"),
  "PodSpec.hostAliases": merge("ip"),
  "PodSpec.tolerations": ATOMIC,
  "PodSpec.topologySpreadConstraints": merge("topologyKey", ["topologyKey", "whenUnsatisfiable"]),
  "PodSpec.schedulingGates": merge("name"),
  "PodSpec.resourceClaims": merge("name", ["name"], "merge,retainKeys"),
  "Container.command": ATOMIC,
  "Container.args": ATOMIC,
  "Container.ports": merge("containerPort", ["containerPort", "protocol"]),
  "Container.env": merge("name"),
  "Container.envFrom": ATOMIC,
  "Container.volumeMounts": merge("mountPath"),
  "Container.volumeDevices": merge("devicePath"),
  "PodStatus.conditions": CONDITIONS,
  "PodStatus.podIPs": merge("ip"),
  "NodeSpec.podCIDRs": SET_MERGE,
  "NodeSpec.taints": ATOMIC,
  "NodeStatus.conditions": CONDITIONS,
  "NodeStatus.addresses": merge("type"),
  "NamespaceSpec.finalizers": ATOMIC,
  "ServiceSpec.ports": merge("port", ["port", "protocol"]),
  "ServiceSpec.clusterIPs": ATOMIC,
  "ServiceSpec.externalIPs": ATOMIC,
  "ServiceSpec.ipFamilies": ATOMIC,
  "ServiceStatus.conditions": CONDITIONS,
  "EndpointSubset.addresses": ATOMIC,
  "EndpointSubset.notReadyAddresses": ATOMIC,
  "EndpointSubset.ports": ATOMIC,
  "Endpoints.subsets": ATOMIC,
  "DeploymentSpec.strategy": { "x-kubernetes-patch-strategy": "retainKeys" },
  "DeploymentStatus.conditions": CONDITIONS,
  "ReplicaSetStatus.conditions": CONDITIONS,
};

/** The list extensions of a struct field, or an empty object. */
export function fieldExtensions(structName: string, field: string): Extensions {
  return EXTENSIONS[`${structName}.${field}`] ?? {};
}
