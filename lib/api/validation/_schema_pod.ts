/**
 * Decoding schemas of Pod (core/v1): spec, scheduling constraints, status, and the pod template
 * that workloads embed.
 *
 * @module
 */
import type { z } from "zod";
import { container } from "./_schema_container.ts";
import {
  bool,
  int32,
  int64,
  kept,
  list,
  quiet,
  str,
  stringMap,
  struct,
  time,
  whenEquals,
} from "./_schema_core.ts";
import { conditions, labelSelector, objectMeta } from "./_schema_meta.ts";

function nodeSelectorTerm(): z.ZodType {
  const requirement = () =>
    struct("v1.NodeSelectorRequirement", { key: str(), operator: str(), values: list(str()) });
  return struct("v1.NodeSelectorTerm", {
    matchExpressions: list(requirement()),
    matchFields: list(requirement()),
  });
}

function podAffinityTerm(): z.ZodType {
  return struct("v1.PodAffinityTerm", {
    labelSelector: labelSelector(),
    namespaces: list(str()),
    topologyKey: str(),
    namespaceSelector: labelSelector(),
    matchLabelKeys: kept(list(str())),
    mismatchLabelKeys: kept(list(str())),
  });
}

function podAffinity(goType: string): z.ZodType {
  return struct(goType, {
    requiredDuringSchedulingIgnoredDuringExecution: list(podAffinityTerm()),
    preferredDuringSchedulingIgnoredDuringExecution: list(
      struct("v1.WeightedPodAffinityTerm", { weight: int32(), podAffinityTerm: podAffinityTerm() }),
    ),
  });
}

function affinity(): z.ZodType {
  return struct("v1.Affinity", {
    nodeAffinity: struct("v1.NodeAffinity", {
      requiredDuringSchedulingIgnoredDuringExecution: struct("v1.NodeSelector", {
        nodeSelectorTerms: list(nodeSelectorTerm()),
      }),
      preferredDuringSchedulingIgnoredDuringExecution: list(
        struct("v1.PreferredSchedulingTerm", { weight: int32(), preference: nodeSelectorTerm() }),
      ),
    }),
    podAffinity: podAffinity("v1.PodAffinity"),
    podAntiAffinity: podAffinity("v1.PodAntiAffinity"),
  });
}

function toleration(): z.ZodType {
  return struct("v1.Toleration", {
    key: str(),
    operator: str(),
    value: str(),
    effect: str(),
    tolerationSeconds: int64(),
  });
}

/** core/v1 PodSpec. */
export function podSpec(): z.ZodType {
  return struct("v1.PodSpec", {
    volumes: kept(),
    initContainers: kept(list(container())),
    containers: list(container()),
    ephemeralContainers: kept(),
    restartPolicy: str(),
    terminationGracePeriodSeconds: int64(),
    activeDeadlineSeconds: kept(int64()),
    dnsPolicy: kept(str(), whenEquals("ClusterFirst")),
    nodeSelector: stringMap(),
    serviceAccountName: kept(str(), whenEquals("default")),
    serviceAccount: kept(str(), whenEquals("default")),
    automountServiceAccountToken: kept(bool()),
    nodeName: str(),
    hostNetwork: kept(bool()),
    hostPID: kept(bool()),
    hostIPC: kept(bool()),
    shareProcessNamespace: kept(bool()),
    securityContext: kept(undefined, whenEquals({})),
    imagePullSecrets: kept(),
    hostname: kept(str()),
    subdomain: kept(str()),
    affinity: affinity(),
    schedulerName: kept(str(), whenEquals("default-scheduler")),
    tolerations: list(toleration()),
    hostAliases: kept(),
    priorityClassName: kept(str()),
    priority: kept(int32(), whenEquals(0)),
    dnsConfig: kept(),
    readinessGates: kept(),
    runtimeClassName: kept(str()),
    enableServiceLinks: kept(bool(), whenEquals(true)),
    preemptionPolicy: kept(str(), whenEquals("PreemptLowerPriority")),
    overhead: kept(),
    topologySpreadConstraints: kept(),
    setHostnameAsFQDN: kept(bool()),
    os: kept(),
    hostUsers: kept(bool()),
    schedulingGates: kept(),
    resourceClaims: kept(),
    resources: kept(),
    hostnameOverride: kept(str()),
  });
}

function containerState(): z.ZodType {
  return struct("v1.ContainerState", {
    waiting: struct("v1.ContainerStateWaiting", { reason: str(), message: str() }),
    running: struct("v1.ContainerStateRunning", { startedAt: time() }),
    terminated: struct("v1.ContainerStateTerminated", {
      exitCode: int32(),
      signal: int32(),
      reason: str(),
      message: str(),
      startedAt: time(),
      finishedAt: time(),
      containerID: quiet(str()),
    }),
  });
}

function containerStatus(): z.ZodType {
  return struct("v1.ContainerStatus", {
    name: str(),
    state: containerState(),
    lastState: containerState(),
    ready: bool(),
    restartCount: int32(),
    image: str(),
    imageID: str(),
    containerID: str(),
    started: bool(),
    allocatedResources: quiet(),
    resources: quiet(),
    volumeMounts: quiet(),
    user: quiet(),
    allocatedResourcesStatus: quiet(),
    stopSignal: quiet(),
  });
}

function podStatus(): z.ZodType {
  return struct("v1.PodStatus", {
    observedGeneration: quiet(int64()),
    phase: str(),
    conditions: conditions("v1.PodCondition"),
    message: str(),
    reason: str(),
    nominatedNodeName: str(),
    hostIP: str(),
    hostIPs: quiet(),
    podIP: str(),
    podIPs: list(struct("v1.PodIP", { ip: str() })),
    startTime: time(),
    initContainerStatuses: list(containerStatus()),
    containerStatuses: list(containerStatus()),
    qosClass: str(),
    ephemeralContainerStatuses: quiet(),
    resize: quiet(),
    resourceClaimStatuses: quiet(),
    extendedResourceClaimStatus: quiet(),
  });
}

/** core/v1 Pod. */
export function pod(): z.ZodType {
  return struct("v1.Pod", {
    apiVersion: str(),
    kind: str(),
    metadata: objectMeta(),
    spec: podSpec(),
    status: podStatus(),
  });
}

/** core/v1 PodTemplateSpec, embedded by ReplicaSet and Deployment. */
export function podTemplateSpec(): z.ZodType {
  return struct("v1.PodTemplateSpec", { metadata: objectMeta(), spec: podSpec() });
}
