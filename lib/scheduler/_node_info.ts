/**
 * Building and updating NodeInfo records (the cache's private side): parse a node once, add or
 * take away a pod's requests.
 *
 * @module
 */
import type { Node, Pod } from "../api/types.ts";
import { podFacts } from "./_pod_facts.ts";
import { allocatableOf } from "./_resources.ts";
import type { NodeInfo, PodInfo } from "./types.ts";

/** Pods counted by their facts alone (Store.tally()): how many share one PodInfo. */
export interface PodGroup {
  /** The PodInfo of a pod with the group's facts. */
  info: PodInfo;
  /** How many pods the group still counts. */
  count: number;
}

/** NodeInfo as the cache writes it. */
export type MutableNodeInfo = { -readonly [K in keyof NodeInfo]: NodeInfo[K] } & {
  pods: Map<string, PodInfo>;
  podsWithAffinity: Set<PodInfo>;
  podsWithRequiredAntiAffinity: Set<PodInfo>;
  requestedScalar: Record<string, number>;
  /** Pods counted by their facts alone, by groupSignature(). */
  groups: Map<string, PodGroup>;
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
    podCount: 0,
    pods: new Map(),
    podsWithAffinity: new Set(),
    podsWithRequiredAntiAffinity: new Set(),
    groups: new Map(),
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

/** Adds (`count` > 0) or takes away (`count` < 0) the requests of `count` pods like `pod`. */
export function accountRequests(info: MutableNodeInfo, pod: PodInfo, count: number): void {
  info.requestedMilliCPU += count * pod.milliCPU;
  info.requestedMemory += count * pod.memory;
  info.nonZeroMilliCPU += count * pod.nonZeroMilliCPU;
  info.nonZeroMemory += count * pod.nonZeroMemory;
  for (const name in pod.scalar) {
    info.requestedScalar[name] = (info.requestedScalar[name] ?? 0) + count * pod.scalar[name];
  }
  info.podCount += count;
}

/** Adds (`sign` 1) or removes (`sign` -1) a pod's requests and affinity bookkeeping. */
export function accountPod(info: MutableNodeInfo, pod: PodInfo, sign: 1 | -1): void {
  accountRequests(info, pod, sign);
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

/** What pods counted together share: their facts (POD_FACTS), as JSON. */
export function groupSignature(pod: Pod): string {
  return JSON.stringify(podFacts(pod));
}
