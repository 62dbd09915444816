/**
 * NodeResourcesBalancedAllocation: favours nodes whose cpu and memory would be used in equal
 * shares after placing the pod: `(1 - std) * 100`, where std is the standard deviation of the
 * requested/allocatable fractions (each capped at 1); for two resources std = |f1 - f2| / 2.
 * Uses the actual requests (no 100m/200Mi defaults) and skips best-effort pods, as Kubernetes.
 *
 * @module
 */
import { MAX_NODE_SCORE } from "../normalize_score.ts";
import { SKIP } from "../status.ts";
import type { NodeInfo, Plugin, PodInfo } from "../types.ts";

function score(pod: PodInfo, node: NodeInfo): number {
  const cpu = node.allocatableMilliCPU;
  const memory = node.allocatableMemory;
  const cpuFraction = cpu > 0 ? Math.min((node.requestedMilliCPU + pod.milliCPU) / cpu, 1) : -1;
  const memoryFraction = memory > 0
    ? Math.min((node.requestedMemory + pod.memory) / memory, 1)
    : -1;
  if (cpuFraction >= 0 && memoryFraction >= 0) {
    return Math.trunc((1 - Math.abs((cpuFraction - memoryFraction) / 2)) * MAX_NODE_SCORE);
  }
  return MAX_NODE_SCORE; // One fraction or none: the deviation is 0.
}

/** The NodeResourcesBalancedAllocation score. */
export const balancedAllocation: Plugin = {
  name: "NodeResourcesBalancedAllocation",
  preScore: (pod) => (pod.milliCPU === 0 && pod.memory === 0 ? SKIP : pod),
  score,
};
