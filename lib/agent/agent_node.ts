/**
 * The Node and the node Lease a kclone agent keeps, as the kubelet registers and renews them.
 *
 * @module
 */
import { rfc3339 } from "../api/clock.ts";
import type { Condition, Lease, Node, Taint } from "../api/types.ts";
import { microTime } from "../controllers/leader_election.ts";
import { KUBELET_ANNOTATION } from "../kubelet/kubelet_annotation.ts";
import { KUBERNETES_VERSION } from "../server/kubernetes_version.ts";

/** Namespace of the node Leases. */
export const NODE_LEASE_NAMESPACE = "kube-node-lease";

/** What an agent registers. */
export interface AgentNodeSpec {
  /** The node's name. */
  name: string;
  /** CPU, a quantity (`4`, `500m`). */
  cpu: string;
  /** Memory, a quantity (`4096Mi`). */
  memory: string;
  /** Pod capacity (default 110). */
  pods?: number;
  /** Labels besides the well-known ones. */
  labels?: Record<string, string>;
  /** Taints (applied when the node is registered, as kubelet's --register-with-taints). */
  taints?: Taint[];
  /** The node's pod range, when the agent sets it (kubelet's --pod-cidr). */
  podCIDR?: string;
  /** The address the node is reached at (its InternalIP). */
  address: string;
  /** The port of the agent's log endpoint (status.daemonEndpoints.kubeletEndpoint.Port). */
  endpointPort: number;
}

/** The Ready condition an agent posts, with its heartbeat at `now`. */
export function readyCondition(now: number, since?: string): Condition {
  const time = rfc3339(now);
  return {
    type: "Ready",
    status: "True",
    lastHeartbeatTime: time,
    lastTransitionTime: since ?? time,
    reason: "KubeletReady",
    message: "kubelet is posting ready status",
  };
}

/**
 * The Node an agent registers, or `existing` updated as a restarted kubelet updates it: labels,
 * capacity, addresses, endpoint and a Ready heartbeat are the agent's; what others set on the
 * spec (cordon, taints added later, the pod range) is kept.
 */
export function agentNode(spec: AgentNodeSpec, now: number, existing?: Node): Node {
  const quantity = {
    cpu: spec.cpu,
    memory: spec.memory,
    pods: String(spec.pods ?? 110),
  };
  const ready = existing?.status?.conditions?.find((c) => c.type === "Ready");
  const base: Node = existing ? structuredClone(existing) : {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: spec.name },
    spec: {
      ...(spec.taints?.length ? { taints: spec.taints } : {}),
      ...(spec.podCIDR ? { podCIDR: spec.podCIDR, podCIDRs: [spec.podCIDR] } : {}),
    },
  };
  base.metadata.labels = {
    ...base.metadata.labels,
    ...spec.labels,
    "kubernetes.io/hostname": spec.name,
    "kubernetes.io/os": "linux",
    "kubernetes.io/arch": Deno.build.arch === "aarch64" ? "arm64" : "amd64",
  };
  base.metadata.annotations = { ...base.metadata.annotations, [KUBELET_ANNOTATION]: "agent" };
  if (spec.podCIDR && !base.spec?.podCIDR) {
    base.spec = { ...base.spec, podCIDR: spec.podCIDR, podCIDRs: [spec.podCIDR] };
  }
  base.status = {
    ...base.status,
    capacity: quantity,
    allocatable: quantity,
    conditions: [
      ...(base.status?.conditions ?? []).filter((c) => c.type !== "Ready"),
      readyCondition(now, ready?.status === "True" ? ready.lastTransitionTime : undefined),
    ],
    addresses: [
      { type: "InternalIP", address: spec.address },
      { type: "Hostname", address: spec.name },
    ],
    nodeInfo: {
      kubeletVersion:
        `v${KUBERNETES_VERSION.major}.${KUBERNETES_VERSION.minor}.${KUBERNETES_VERSION.patch}`,
      operatingSystem: "linux",
      architecture: Deno.build.arch,
      containerRuntimeVersion: "kclone://processes",
    },
  };
  (base.status as Record<string, unknown>).daemonEndpoints = {
    kubeletEndpoint: { Port: spec.endpointPort },
  };
  return base;
}

/** The node's Lease renewed at `now` (created when `current` is absent). */
export function renewedNodeLease(name: string, now: number, current?: Lease): Lease {
  const time = microTime(now);
  return {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: current ? current.metadata : { name, namespace: NODE_LEASE_NAMESPACE },
    spec: {
      ...current?.spec,
      holderIdentity: name,
      leaseDurationSeconds: 40,
      renewTime: time,
    },
  };
}
