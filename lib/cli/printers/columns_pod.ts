/**
 * `kubectl get pods` columns.
 *
 * @module
 */
import type { Pod } from "../../api/types.ts";
import { age } from "./age.ts";
import type { KindColumns } from "./columns.ts";
import { podStatusCells } from "./pod_status.ts";

/**
 * Pods: NAME READY STATUS RESTARTS AGE; `-o wide` adds IP NODE NOMINATED NODE READINESS GATES
 * (`<none>` where unset).
 *
 * @example
 * ```ts
 * import { podColumns } from "./columns_pod.ts";
 * const pod = {
 *   apiVersion: "v1", kind: "Pod", metadata: { name: "web", creationTimestamp: "2026-01-01T00:00:00Z" },
 *   spec: { containers: [{ name: "web" }] }, status: { phase: "Pending" as const },
 * };
 * podColumns.row(pod, Date.parse("2026-01-01T00:00:05Z"), false); // ["web", "0/1", "Pending", "0", "5s"]
 * ```
 */
export const podColumns: KindColumns<Pod> = {
  headers: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
  wideHeaders: [
    "NAME",
    "READY",
    "STATUS",
    "RESTARTS",
    "AGE",
    "IP",
    "NODE",
    "NOMINATED NODE",
    "READINESS GATES",
  ],
  statusColumn: 2,
  row(pod: Pod, now: number, wide: boolean): string[] {
    const { ready, status, restarts } = podStatusCells(pod, now);
    const cells = [
      pod.metadata.name ?? "",
      ready,
      status,
      restarts,
      age(pod.metadata.creationTimestamp, now),
    ];
    if (!wide) return cells;
    const ip = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || "<none>";
    return [
      ...cells,
      ip,
      pod.spec.nodeName || "<none>",
      pod.status?.nominatedNodeName || "<none>",
      "<none>",
    ];
  },
};
