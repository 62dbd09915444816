/**
 * PodInfo: a pod parsed once (requests, tolerations, affinity), memoised per pod object so that
 * schedule() and the assume() after it parse the pod only once. Objects from the store are never
 * mutated (copy first), which keeps the memo right.
 *
 * @module
 */
import type { Pod } from "../api/types.ts";
import { podAffinityOf } from "./_affinity_terms.ts";
import { podRequests } from "./_resources.ts";
import type { PodInfo } from "./types.ts";

const memo = new WeakMap<Pod, PodInfo>();

/** The cache key of a pod: `namespace/name`. */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? "default"}/${pod.metadata?.name ?? ""}`;
}

/**
 * Parses a pod for scheduling; the same object gives the same PodInfo.
 *
 * @example
 * ```ts
 * import { podInfoOf } from "./pod_info.ts";
 * const info = podInfoOf({
 *   apiVersion: "v1",
 *   kind: "Pod",
 *   metadata: { name: "web", namespace: "default" },
 *   spec: { containers: [{ name: "web", resources: { requests: { cpu: "500m" } } }] },
 * });
 * info.milliCPU; // 500
 * info.nonZeroMemory; // 209715200: a missing memory request scores as 200Mi
 * ```
 */
export function podInfoOf(pod: Pod): PodInfo {
  let info = memo.get(pod);
  if (!info) {
    const namespace = pod.metadata?.namespace ?? "default";
    const requests = podRequests(pod);
    info = {
      pod,
      key: podKey(pod),
      namespace,
      labels: pod.metadata?.labels ?? {},
      milliCPU: requests.milliCPU,
      memory: requests.memory,
      nonZeroMilliCPU: requests.nonZeroMilliCPU,
      nonZeroMemory: requests.nonZeroMemory,
      scalar: requests.scalar,
      tolerations: pod.spec?.tolerations ?? [],
      affinity: podAffinityOf(pod, namespace),
    };
    memo.set(pod, info);
  }
  return info;
}
