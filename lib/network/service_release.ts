/**
 * Planning the release of a deleted Service's cluster IP and node ports.
 *
 * @module
 */
import type { Service } from "../api/types.ts";
import { releaseClusterIPs } from "./_cluster_ips.ts";
import { closeLedger, openLedger } from "./_ledger.ts";
import { releaseNodePorts } from "./_node_ports.ts";
import type { ServiceRanges } from "./service_ranges.ts";

/**
 * The ranges after `service` is deleted: its cluster IP and node ports are free again (values
 * outside the ranges are ignored, as Kubernetes' Release ignores them). Pure; unchanged ranges
 * come back as the same objects, so rangeWrites() writes only what changed. Delete the service
 * and write the ranges in one batch.
 *
 * @example
 * ```ts
 * import { emptyRanges, planServiceAllocation, planServiceRelease } from "./mod.ts";
 * const plan = planServiceAllocation({
 *   apiVersion: "v1",
 *   kind: "Service",
 *   metadata: { name: "web", namespace: "default" },
 *   spec: { ports: [{ port: 80, protocol: "TCP" }] },
 * }, emptyRanges());
 * console.log(planServiceRelease(plan.service, plan.ranges).ips.data); // "" (nothing allocated)
 * ```
 */
export function planServiceRelease(service: Service, ranges: ServiceRanges): ServiceRanges {
  const ledger = openLedger(ranges, {});
  const released: Service = { ...service, spec: service.spec ?? {} };
  releaseClusterIPs(released, ledger);
  releaseNodePorts(released, ledger);
  return closeLedger(ledger, ranges);
}
