/**
 * Planning a new Service's cluster IP and node ports against the stored RangeAllocations.
 *
 * @module
 */
import type { Service } from "../api/types.ts";
import { allocateClusterIPs } from "./_cluster_ips.ts";
import { closeLedger, openLedger } from "./_ledger.ts";
import { allocateNodePorts, needsNodePorts } from "./_node_ports.ts";
import type { ServiceNetworkOptions, ServiceRanges } from "./service_ranges.ts";

/** A Service with its allocations filled in, and the ranges that record them. */
export interface ServiceAllocationPlan {
  /** A copy of the service with clusterIP, clusterIPs, ipFamilies and nodePorts set. */
  service: Service;
  /** The ranges after allocation; a range that did not change is the same object as given. */
  ranges: ServiceRanges;
}

/**
 * Plans the allocations of a Service being created, as kube-apiserver's service REST does before
 * it stores the object. Pure: the inputs are never changed; store the returned service and
 * ranges in one batch (see rangeWrites()).
 *
 * - Cluster IP: a requested `spec.clusterIP` is honoured when free and in range; `None` is a
 *   headless service (no IP); ExternalName services get none. Otherwise the lowest free address
 *   of the upper band (`10.96.1.1` first in `10.96.0.0/12`): Kubernetes keeps the lowest
 *   min(max(16, size/16), 256) addresses for IPs users ask for (KEP-3070), and never hands out
 *   `10.96.0.1` unasked (it is the `kubernetes` service's). Kubernetes picks at random in the
 *   same band; kclone picks the lowest, so that allocations are predictable.
 * - Node ports, for NodePort and LoadBalancer services: requested ports are honoured when free
 *   and in range, the others get the lowest free port above the static band (30086 first in
 *   30000-32767). A LoadBalancer is served as a NodePort whose load balancer stays pending.
 *
 * Errors, word for word as kube-apiserver's: InvalidError `spec.clusterIPs: Invalid value:
 * []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated`,
 * `... the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is
 * 10.96.0.0/12`, `spec.ports[0].nodePort: Invalid value: 30080: provided port is already
 * allocated`; a full range is a 500 `Internal error occurred: failed to allocate a serviceIP:
 * range is full` (or `a nodePort`).
 *
 * @example
 * ```ts
 * import { emptyRanges, planServiceAllocation } from "./mod.ts";
 * const plan = planServiceAllocation({
 *   apiVersion: "v1",
 *   kind: "Service",
 *   metadata: { name: "web", namespace: "default" },
 *   spec: { type: "NodePort", selector: { app: "web" }, ports: [{ port: 80, protocol: "TCP" }] },
 * }, emptyRanges());
 * console.log(plan.service.spec.clusterIP, plan.service.spec.ports?.[0].nodePort); // 10.96.1.1 30086
 * ```
 */
export function planServiceAllocation(
  service: Service,
  ranges: ServiceRanges,
  options: ServiceNetworkOptions = {},
): ServiceAllocationPlan {
  const ledger = openLedger(ranges, options);
  const planned = structuredClone(service);
  planned.spec ??= {};
  allocateClusterIPs(planned, ledger);
  if (needsNodePorts(planned)) allocateNodePorts(planned, ledger);
  return { service: planned, ranges: closeLedger(ledger, ranges) };
}
