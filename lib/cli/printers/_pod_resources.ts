/**
 * A pod's CPU and memory requests and limits, summed as Kubernetes' resource helpers sum them.
 *
 * @module
 */
import { cpuMillis, memoryBytes } from "../../api/quantity.ts";
import type { Container, Pod } from "../../api/types.ts";

/** CPU (milli) and memory (bytes) requests and limits of a pod. */
export interface PodResourceTotals {
  /** CPU requests in millicores. */
  cpuRequests: number;
  /** CPU limits in millicores. */
  cpuLimits: number;
  /** Memory requests in bytes. */
  memoryRequests: number;
  /** Memory limits in bytes. */
  memoryLimits: number;
}

function sum(
  containers: readonly Container[],
  pick: (c: Container) => string | undefined,
  parse: (q: string) => number,
) {
  return containers.reduce((total, c) => {
    const q = pick(c);
    return total + (q === undefined ? 0 : parse(q));
  }, 0);
}

function max(
  containers: readonly Container[],
  pick: (c: Container) => string | undefined,
  parse: (q: string) => number,
) {
  return containers.reduce((most, c) => {
    const q = pick(c);
    return Math.max(most, q === undefined ? 0 : parse(q));
  }, 0);
}

/** The pod's totals: its containers summed, at least its largest init container. */
export function podResourceTotals(pod: Pod): PodResourceTotals {
  const containers = pod.spec.containers ?? [];
  const inits = pod.spec.initContainers ?? [];
  const total = (pick: (c: Container) => string | undefined, parse: (q: string) => number) =>
    Math.max(sum(containers, pick, parse), max(inits, pick, parse));
  return {
    cpuRequests: total((c) => c.resources?.requests?.cpu, cpuMillis),
    cpuLimits: total((c) => c.resources?.limits?.cpu, cpuMillis),
    memoryRequests: total((c) => c.resources?.requests?.memory, memoryBytes),
    memoryLimits: total((c) => c.resources?.limits?.memory, memoryBytes),
  };
}
