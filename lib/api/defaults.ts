/**
 * Kubernetes' defaulting, applied between decoding and validation as kube-apiserver applies it.
 *
 * @module
 */
import { kindInfo } from "./kinds.ts";
import type {
  AnyObject,
  Deployment,
  Endpoints,
  Namespace,
  Node,
  PodTemplateSpec,
  ReplicaSet,
  Service,
} from "./types.ts";
import { defaultPod, defaultPodSpec } from "./_defaults_pod.ts";

/** Defaults a workload's pod template; a missing one is defaulted as Go's zero value would be. */
function defaultTemplate(spec: { template?: PodTemplateSpec }): void {
  const template = spec.template ??= { spec: { containers: [] } };
  defaultPodSpec(template.spec ??= { containers: [] });
}

function defaultDeployment(d: Deployment): void {
  const spec = d.spec ??= {} as Deployment["spec"];
  spec.replicas ??= 1;
  const strategy = spec.strategy ??= {};
  strategy.type ||= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const rolling = strategy.rollingUpdate ??= {};
    rolling.maxUnavailable ??= "25%";
    rolling.maxSurge ??= "25%";
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultTemplate(spec);
}

function defaultReplicaSet(rs: ReplicaSet): void {
  const spec = rs.spec ??= {} as ReplicaSet["spec"];
  spec.replicas ??= 1;
  defaultTemplate(spec);
}

function defaultService(svc: Service): void {
  const spec = svc.spec ??= {};
  spec.type ||= "ClusterIP";
  spec.sessionAffinity ||= "None";
  if (spec.type !== "ExternalName") spec.internalTrafficPolicy ||= "Cluster";
  if (spec.type === "NodePort" || spec.type === "LoadBalancer") {
    spec.externalTrafficPolicy ||= "Cluster";
  }
  for (const port of spec.ports ?? []) {
    port.protocol ||= "TCP";
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === "") {
      port.targetPort = port.port;
    }
  }
}

function defaultEndpoints(ep: Endpoints): void {
  for (const subset of ep.subsets ?? []) {
    for (const port of subset.ports ?? []) port.protocol ||= "TCP";
  }
}

function defaultNamespace(ns: Namespace): void {
  ns.status ??= {};
  ns.status.phase ||= "Active";
}

function defaultNode(node: Node): void {
  const status = node.status;
  if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
}

const defaulters: Partial<Record<string, (object: never) => void>> = {
  Pod: defaultPod,
  Deployment: defaultDeployment,
  ReplicaSet: defaultReplicaSet,
  Service: defaultService,
  Endpoints: defaultEndpoints,
  Namespace: defaultNamespace,
  Node: defaultNode,
};

/**
 * Returns a copy of `object` with Kubernetes' defaults filled in (the input is never changed):
 * the `default` namespace for namespaced kinds (and none for cluster-scoped ones), pod and
 * container defaults (restartPolicy, pull policy, probe timings, ...), Deployment replicas,
 * strategy and history, Service type, ports and target ports, Namespace phase, Node allocatable.
 *
 * @example
 * ```ts
 * import { applyDefaults } from "./defaults.ts";
 * import type { Pod } from "./types.ts";
 * const pod: Pod = {
 *   apiVersion: "v1",
 *   kind: "Pod",
 *   metadata: { name: "web" },
 *   spec: { containers: [{ name: "web", image: "nginx" }] },
 * };
 * const defaulted = applyDefaults(pod);
 * console.log(defaulted.metadata.namespace, defaulted.spec.restartPolicy); // default Always
 * ```
 */
export function applyDefaults<T extends AnyObject>(object: T): T {
  const copy = structuredClone(object);
  copy.metadata ??= {};
  const info = kindInfo(copy.kind);
  if (info?.namespaced) copy.metadata.namespace ||= "default";
  else if (info) delete copy.metadata.namespace;
  (defaulters[copy.kind] as ((object: T) => void) | undefined)?.(copy);
  return copy;
}
