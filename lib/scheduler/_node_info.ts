/**
 * Building and updating NodeInfo records (the cache's private side): parse a node once, add or
 * take away a pod's requests.
 *
 * @module
 */
import type { Node } from "../api/types.ts";
import { allocatableOf } from "./_resources.ts";
import type { NodeInfo, PodInfo } from "./types.ts";

/** NodeInfo as the cache writes it. */
export type MutableNodeInfo = { -readonly [K in keyof NodeInfo]: NodeInfo[K] } & {
  pods: Map<string, PodInfo>;
  podsWithAffinity: Set<PodInfo>;
  podsWithRequiredAntiAffinity: Set<PodInfo>;
  requestedScalar: Record<string, number>;
};

/** An empty record for a node name; every field is set here so all records share one shape. */
export function newNodeInfo(name: string): MutableNodeInfo {
  return {
    name,
    node: undefined,
    labels: {},
    unschedulable: false,
    ready: "True",
    taints: [],
    allocatableMilliCPU: 0,
    allocatableMemory: 0,
    allocatablePods: 0,
    allocatableScalar: undefined,
    requestedMilliCPU: 0,
    requestedMemory: 0,
    nonZeroMilliCPU: 0,
    nonZeroMemory: 0,
    requestedScalar: {},
    pods: new Map(),
    podsWithAffinity: new Set(),
    podsWithRequiredAntiAffinity: new Set(),
  };
}

/**
 * Takes a node's facts into its record. A node without a Ready condition counts as Ready, so
 * that simulated nodes that report no conditions still take pods.
 */
export function setNode(info: MutableNodeInfo, node: Node | undefined): void {
  info.node = node;
  info.labels = node?.metadata?.labels ?? {};
  info.unschedulable = node?.spec?.unschedulable === true;
  info.taints = node?.spec?.taints ?? [];
  const ready = node?.status?.conditions?.find((c) => c.type === "Ready");
  info.ready = ready?.status ?? "True";
  const allocatable = node ? allocatableOf(node) : undefined;
  info.allocatableMilliCPU = allocatable?.milliCPU ?? 0;
  info.allocatableMemory = allocatable?.memory ?? 0;
  info.allocatablePods = allocatable?.pods ?? 0;
  info.allocatableScalar = allocatable?.scalar;
}

/** Adds (`sign` 1) or removes (`sign` -1) a pod's requests and affinity bookkeeping. */
export function accountPod(info: MutableNodeInfo, pod: PodInfo, sign: 1 | -1): void {
  info.requestedMilliCPU += sign * pod.milliCPU;
  info.requestedMemory += sign * pod.memory;
  info.nonZeroMilliCPU += sign * pod.nonZeroMilliCPU;
  info.nonZeroMemory += sign * pod.nonZeroMemory;
  for (const name in pod.scalar) {
    info.requestedScalar[name] = (info.requestedScalar[name] ?? 0) + sign * pod.scalar[name];
  }
  const affinity = pod.affinity;
  if (sign === 1) {
    info.pods.set(pod.key, pod);
    if (affinity) info.podsWithAffinity.add(pod);
    if (affinity?.requiredAnti.length) info.podsWithRequiredAntiAffinity.add(pod);
  } else {
    info.pods.delete(pod.key);
    info.podsWithAffinity.delete(pod);
    info.podsWithRequiredAntiAffinity.delete(pod);
  }
}
