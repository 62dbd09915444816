import { rfc3339 } from "../api/clock.ts";
import type { Condition, Node, NodeAddress, NodeStatus } from "../api/types.ts";
import { VERSION } from "../version.ts";
import { internalIPFor } from "./_pod_ips.ts";

type KubeletCondition = Pick<Condition, "type" | "status" | "reason" | "message">;

/** The conditions a healthy kubelet posts, in its order (Ready last), with its words. */
const KUBELET_CONDITIONS: readonly KubeletCondition[] = [
  {
    type: "MemoryPressure",
    status: "False",
    reason: "KubeletHasSufficientMemory",
    message: "kubelet has sufficient memory available",
  },
  {
    type: "DiskPressure",
    status: "False",
    reason: "KubeletHasNoDiskPressure",
    message: "kubelet has no disk pressure",
  },
  {
    type: "PIDPressure",
    status: "False",
    reason: "KubeletHasSufficientPID",
    message: "kubelet has sufficient PID available",
  },
  {
    type: "Ready",
    status: "True",
    reason: "KubeletReady",
    message: "kubelet is posting ready status",
  },
];

const KUBELET_TYPES = new Set(KUBELET_CONDITIONS.map((c) => c.type));

/** Node facts a simulated machine reports; fields the node already has are kept. */
function nodeInfoFor(node: Node): Record<string, string> {
  const uid = node.metadata.uid ?? "";
  return {
    machineID: uid.replaceAll("-", ""),
    systemUUID: uid,
    bootID: uid,
    kernelVersion: "simulated",
    osImage: "kclone simulated node",
    containerRuntimeVersion: `kclone://${VERSION}`,
    kubeletVersion: `v${VERSION}-kclone`,
    kubeProxyVersion: "",
    operatingSystem: "linux",
    architecture: "amd64",
  };
}

function conditionAt(wanted: KubeletCondition, current: Condition | undefined, time: string) {
  if (
    current?.status === wanted.status && current.reason === wanted.reason &&
    current.message === wanted.message
  ) return current;
  const since = current?.status === wanted.status ? current.lastTransitionTime : undefined;
  return { ...wanted, lastHeartbeatTime: time, lastTransitionTime: since ?? time };
}

function addressesFor(node: Node): NodeAddress[] {
  const addresses = [...node.status?.addresses ?? []];
  const internalIP = node.spec?.podCIDR ? internalIPFor(node.spec.podCIDR) : undefined;
  if (internalIP && !addresses.some((a) => a.type === "InternalIP")) {
    addresses.unshift({ type: "InternalIP", address: internalIP });
  }
  if (!addresses.some((a) => a.type === "Hostname")) {
    const hostname = node.metadata.labels?.["kubernetes.io/hostname"] ?? node.metadata.name!;
    addresses.push({ type: "Hostname", address: hostname });
  }
  return addresses;
}

/**
 * The status a healthy kubelet posts for its node: Ready and the pressure conditions as kubelet
 * words them, InternalIP and Hostname addresses, nodeInfo, allocatable = capacity when unset.
 * A condition that has not changed keeps its timestamps, so an unchanged node compares equal.
 */
export function kubeletNodeStatus(node: Node, now: number): NodeStatus {
  const status: NodeStatus = structuredClone(node.status ?? {});
  const time = rfc3339(now);
  const current = status.conditions ?? [];
  status.conditions = [
    ...current.filter((c) => !KUBELET_TYPES.has(c.type)),
    ...KUBELET_CONDITIONS.map((w) => conditionAt(w, current.find((c) => c.type === w.type), time)),
  ];
  status.addresses = addressesFor(node);
  if (!status.allocatable && status.capacity) status.allocatable = { ...status.capacity };
  status.nodeInfo = { ...nodeInfoFor(node), ...status.nodeInfo };
  return status;
}

/** The node's InternalIP, once it has one. */
export function internalIPOf(node: Node): string | undefined {
  return node.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
}

/** The status of the node's Ready condition, if any. */
export function readyStatusOf(node: Node): Condition["status"] | undefined {
  return node.status?.conditions?.find((c) => c.type === "Ready")?.status;
}
