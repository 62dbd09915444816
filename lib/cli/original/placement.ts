import type { Pod } from "../../api/types.ts";

/**
 * Where each pod went, after a command settled: `pod/web-1 assigned to node-a`, or
 * `pod/web-2 Pending: 0/2 nodes are available: 2 Insufficient cpu.` with the scheduler's reason.
 *
 * @example
 * ```ts
 * import { placementLines } from "./placement.ts";
 * placementLines([{
 *   apiVersion: "v1", kind: "Pod", metadata: { name: "web" },
 *   spec: { nodeName: "node-a", containers: [] },
 * }]); // ["pod/web assigned to node-a"]
 * ```
 */
export function placementLines(pods: readonly Pod[]): string[] {
  return [...pods]
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
    .map((pod) => {
      const name = `pod/${pod.metadata.name}`;
      if (pod.spec.nodeName) return `${name} assigned to ${pod.spec.nodeName}`;
      const scheduled = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
      return scheduled?.message ? `${name} Pending: ${scheduled.message}` : `${name} Pending`;
    });
}
