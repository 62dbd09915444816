/**
 * Service networking, as Kubernetes does it: cluster IPs and node ports allocated from two
 * RangeAllocation objects (`serviceips`, `servicenodeports`), and round robin over a Service's
 * ready endpoints.
 *
 * Allocation is pure planning: read both ranges, plan, then write the Service and the changed
 * ranges in one store batch. Optimistic concurrency on the ranges' resourceVersion makes
 * allocation unique across processes sharing one store: the loser of a race gets Conflict,
 * re-reads and plans again.
 *
 * @example
 * ```ts
 * import { emptyRanges, planServiceAllocation, rangeWrites } from "./mod.ts";
 * const ranges = emptyRanges();
 * const plan = planServiceAllocation({
 *   apiVersion: "v1",
 *   kind: "Service",
 *   metadata: { name: "web", namespace: "default" },
 *   spec: { type: "ClusterIP", selector: { app: "web" }, ports: [{ port: 80, protocol: "TCP" }] },
 * }, ranges);
 * console.log(plan.service.spec.clusterIP); // 10.96.1.1
 * console.log(rangeWrites(ranges, plan.ranges).map((w) => w.op)); // [ "create" ]
 * ```
 *
 * @module
 */
export {
  type CIDR,
  cidrContains,
  formatIPv4,
  kubernetesServiceIP,
  parseCIDR,
  parseIPv4,
  type UsableRange,
  usableRange,
} from "./cidr.ts";
export { parsePortRange, type PortRange } from "./port_range.ts";
export { bitmapClear, bitmapFirstFree, bitmapHas, bitmapSet } from "./bitmap.ts";
export {
  DEFAULT_NODE_PORT_RANGE,
  DEFAULT_SERVICE_CIDR,
  emptyRanges,
  loadServiceRanges,
  rangeWrites,
  SERVICE_IPS,
  SERVICE_NODE_PORTS,
  type ServiceNetworkOptions,
  type ServiceRanges,
} from "./service_ranges.ts";
export { planServiceAllocation, type ServiceAllocationPlan } from "./service_allocation.ts";
export { prepareServiceUpdate } from "./prepare_service_update.ts";
export { planServiceUpdate } from "./service_update.ts";
export { planServiceRelease } from "./service_release.ts";
export { repairServiceRanges } from "./repair_service_ranges.ts";
export { type RouteCursor, type RouteOptions, type RouteResult, ServiceRouter } from "./router.ts";
