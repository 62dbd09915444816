/**
 * Planning the allocations of a Service update: immutable cluster IP, type changes.
 *
 * @module
 */
import type { StatusCause } from "../api/errors.ts";
import type { Service } from "../api/types.ts";
import {
  allocateClusterIPs,
  isHeadless,
  needsClusterIP,
  releaseClusterIPs,
} from "./_cluster_ips.ts";
import { closeLedger, openLedger } from "./_ledger.ts";
import { allocateNodePorts, needsNodePorts, releaseNodePorts } from "./_node_ports.ts";
import { invalidList, invalidService } from "./_service_errors.ts";
import { prepareServiceUpdate } from "./prepare_service_update.ts";
import type { ServiceAllocationPlan } from "./service_allocation.ts";
import type { ServiceNetworkOptions, ServiceRanges } from "./service_ranges.ts";

/** validateUpgradeDowngradeClusterIPs, single-stack: the primary cluster IP never changes. */
function immutabilityCauses(service: Service, old: Service): StatusCause[] {
  if (isHeadless(service) && isHeadless(old)) return [];
  const ips = service.spec.clusterIPs ?? [];
  const before = old.spec.clusterIPs ?? [];
  if (before.length > 0 && ips.length === 0) {
    return [
      invalidList(
        "spec.clusterIPs[0]",
        service.spec.clusterIPs,
        "primary clusterIP can not be unset",
      ),
    ];
  }
  const changed = before.flatMap((ip, i) => i < ips.length && ips[i] !== ip ? [i] : []);
  return changed.map((i) => invalidList(`spec.clusterIPs[${i}]`, ips, "may not change once set"));
}

/**
 * Plans the allocations of a Service update, as kube-apiserver's service REST does: the update is
 * first prepared (prepareServiceUpdate: allocated values left out are kept), then
 *
 * - the cluster IP may not change once set: InvalidError `spec.clusterIPs[0]: Invalid value:
 *   []string{"10.96.0.20"}: may not change once set`;
 * - ExternalName → another type allocates a cluster IP, another type → ExternalName frees it;
 * - ClusterIP → NodePort or LoadBalancer allocates node ports, the reverse frees them; changed
 *   node ports are allocated (with the messages of planServiceAllocation()) and the old freed.
 *
 * A service stored before kclone allocated cluster IPs (none set) gets one now. Pure: store the
 * returned service and ranges in one batch (see rangeWrites()).
 *
 * @example
 * ```ts
 * import { emptyRanges, planServiceAllocation, planServiceUpdate } from "./mod.ts";
 * import type { Service } from "../api/types.ts";
 * const web: Service = {
 *   apiVersion: "v1",
 *   kind: "Service",
 *   metadata: { name: "web", namespace: "default" },
 *   spec: { type: "ClusterIP", ports: [{ port: 80, protocol: "TCP" }] },
 * };
 * const created = planServiceAllocation(web, emptyRanges());
 * const next = { ...created.service, spec: { ...created.service.spec, type: "NodePort" as const } };
 * const updated = planServiceUpdate(created.service, next, created.ranges);
 * console.log(updated.service.spec.ports?.[0].nodePort); // 30086
 * ```
 */
export function planServiceUpdate(
  old: Service,
  updated: Service,
  ranges: ServiceRanges,
  options: ServiceNetworkOptions = {},
): ServiceAllocationPlan {
  const ledger = openLedger(ranges, options);
  const before: Service = { ...old, spec: old.spec ?? {} };
  const service = prepareServiceUpdate(before, updated);
  if (needsClusterIP(before) && needsClusterIP(service)) {
    const causes = immutabilityCauses(service, before);
    if (causes.length > 0) throw invalidService(service, causes);
    if (!before.spec.clusterIP) allocateClusterIPs(service, ledger);
  } else if (needsClusterIP(service)) {
    allocateClusterIPs(service, ledger);
  } else {
    releaseClusterIPs(before, ledger);
  }
  if (needsNodePorts(service)) allocateNodePorts(service, ledger, before);
  else releaseNodePorts(before, ledger);
  return { service, ranges: closeLedger(ledger, ranges) };
}
