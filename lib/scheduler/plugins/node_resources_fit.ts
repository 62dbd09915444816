/**
 * NodeResourcesFit: filters nodes short of the pod's requests, reporting every resource that is
 * short (`Too many pods`, `Insufficient cpu`, `Insufficient memory`, `Insufficient <name>`), and
 * scores with MostAllocated (`requested * 100 / allocatable`: bin-packing) or LeastAllocated
 * (`(allocatable - requested) * 100 / allocatable`: spreading), cpu and memory weighted 1 each.
 * Scoring counts the pod being placed, and counts 100m / 200Mi for containers without requests.
 *
 * @module
 */
import { intDiv } from "../_resources.ts";
import { MAX_NODE_SCORE } from "../normalize_score.ts";
import { unschedulable } from "../status.ts";
import type { NodeInfo, Plugin, PluginStatus, PodInfo, ScoringStrategy } from "../types.ts";

/** kube-scheduler's reason when the node's pod count is at allocatable. */
export const ERR_REASON_TOO_MANY_PODS = "Too many pods";

/** kube-scheduler's reason for a resource that is short, e.g. `Insufficient cpu`. */
export function insufficientReason(resource: string): string {
  return `Insufficient ${resource}`;
}

const PODS = 1;
const CPU = 2;
const MEMORY = 4;
const UNRESOLVABLE = 8;

// One frozen status per combination of short resources, so the common cases allocate nothing.
const combos: PluginStatus[] = [];
for (let mask = 1; mask < 16; mask++) {
  const reasons = [];
  if (mask & PODS) reasons.push(ERR_REASON_TOO_MANY_PODS);
  if (mask & CPU) reasons.push(insufficientReason("cpu"));
  if (mask & MEMORY) reasons.push(insufficientReason("memory"));
  const code = mask & UNRESOLVABLE ? "UnschedulableAndUnresolvable" : "Unschedulable";
  combos[mask] = unschedulable("NodeResourcesFit", reasons, code);
}

function scalarShortage(pod: PodInfo, node: NodeInfo, mask: number): PluginStatus | undefined {
  const reasons = [];
  let code: PluginStatus["code"] = mask & UNRESOLVABLE
    ? "UnschedulableAndUnresolvable"
    : "Unschedulable";
  for (const name of Object.keys(pod.scalar!).sort()) {
    const wanted = pod.scalar![name];
    const allocatable = node.allocatableScalar?.[name] ?? 0;
    if (wanted > 0 && wanted > allocatable - (node.requestedScalar[name] ?? 0)) {
      reasons.push(insufficientReason(name));
      if (wanted > allocatable) code = "UnschedulableAndUnresolvable";
    }
  }
  if (reasons.length === 0) return mask ? combos[mask] : undefined;
  return unschedulable("NodeResourcesFit", [...(combos[mask]?.reasons ?? []), ...reasons], code);
}

/** Whether the node can take the pod; every short resource is a reason. */
export function fitsRequest(pod: PodInfo, node: NodeInfo): PluginStatus | undefined {
  let mask = node.podCount + 1 > node.allocatablePods ? PODS : 0;
  if (pod.milliCPU > 0 && pod.milliCPU > node.allocatableMilliCPU - node.requestedMilliCPU) {
    mask |= CPU | (pod.milliCPU > node.allocatableMilliCPU ? UNRESOLVABLE : 0);
  }
  if (pod.memory > 0 && pod.memory > node.allocatableMemory - node.requestedMemory) {
    mask |= MEMORY | (pod.memory > node.allocatableMemory ? UNRESOLVABLE : 0);
  }
  if (pod.scalar) return scalarShortage(pod, node, mask);
  return mask ? combos[mask] : undefined;
}

function mostAllocated(pod: PodInfo, node: NodeInfo): number {
  let sum = 0;
  let weights = 0;
  const cpu = node.allocatableMilliCPU;
  if (cpu > 0) {
    sum += intDiv(Math.min(node.nonZeroMilliCPU + pod.nonZeroMilliCPU, cpu) * MAX_NODE_SCORE, cpu);
    weights++;
  }
  const memory = node.allocatableMemory;
  if (memory > 0) {
    const requested = Math.min(node.nonZeroMemory + pod.nonZeroMemory, memory);
    sum += intDiv(requested * MAX_NODE_SCORE, memory);
    weights++;
  }
  return weights === 0 ? 0 : intDiv(sum, weights);
}

function leastAllocated(pod: PodInfo, node: NodeInfo): number {
  let sum = 0;
  let weights = 0;
  const cpu = node.allocatableMilliCPU;
  if (cpu > 0) {
    const requested = node.nonZeroMilliCPU + pod.nonZeroMilliCPU;
    sum += requested > cpu ? 0 : intDiv((cpu - requested) * MAX_NODE_SCORE, cpu);
    weights++;
  }
  const memory = node.allocatableMemory;
  if (memory > 0) {
    const requested = node.nonZeroMemory + pod.nonZeroMemory;
    sum += requested > memory ? 0 : intDiv((memory - requested) * MAX_NODE_SCORE, memory);
    weights++;
  }
  return weights === 0 ? 0 : intDiv(sum, weights);
}

/** The NodeResourcesFit filter, scoring with the given strategy. */
export function nodeResourcesFit(strategy: ScoringStrategy = "MostAllocated"): Plugin {
  return {
    name: "NodeResourcesFit",
    filter: fitsRequest,
    score: strategy === "MostAllocated" ? mostAllocated : leastAllocated,
  };
}
