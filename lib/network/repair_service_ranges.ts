/**
 * Rebuilding the RangeAllocations from the Services, as kube-apiserver's repair controllers do.
 *
 * @module
 */
import type { Service } from "../api/types.ts";
import { parseIPv4 } from "./cidr.ts";
import { closeLedger, openLedger } from "./_ledger.ts";
import { allocateValue } from "./_range.ts";
import { needsNodePorts, nodePortsOf } from "./_node_ports.ts";
import { emptyRanges, type ServiceNetworkOptions, type ServiceRanges } from "./service_ranges.ts";

/**
 * Ranges that record exactly the cluster IPs and node ports `services` hold, for a store that has
 * Services but no (or stale) RangeAllocations, e.g. one written before kclone allocated. Values
 * outside the ranges and second holders of a value are skipped (Kubernetes' repair controller
 * reports them as events). The result has no resourceVersion: copy the stored objects'
 * resourceVersion onto it to update them.
 *
 * @example
 * ```ts
 * import { repairServiceRanges } from "./repair_service_ranges.ts";
 * const ranges = repairServiceRanges([{
 *   apiVersion: "v1",
 *   kind: "Service",
 *   metadata: { name: "kube-dns", namespace: "kube-system" },
 *   spec: { clusterIP: "10.96.0.10", clusterIPs: ["10.96.0.10"], ports: [{ port: 53 }] },
 * }]);
 * console.log(ranges.ips.data); // "AgA=" (offset 9 = 10.96.0.10)
 * ```
 */
export function repairServiceRanges(
  services: readonly Service[],
  options: ServiceNetworkOptions = {},
): ServiceRanges {
  const empty = emptyRanges(options);
  const ledger = openLedger(empty, {});
  for (const service of services) {
    const spec = service.spec ?? {};
    if (spec.type !== "ExternalName" && spec.clusterIP && spec.clusterIP !== "None") {
      const result = allocateValue(ledger.ips, ledger.ipData, parseIPv4(spec.clusterIP) ?? -1);
      if ("data" in result) ledger.ipData = result.data;
    }
    if (!needsNodePorts(service)) continue;
    for (const nodePort of new Set(nodePortsOf(service))) {
      const result = allocateValue(ledger.ports, ledger.portData, nodePort);
      if ("data" in result) ledger.portData = result.data;
    }
  }
  return closeLedger(ledger, empty);
}
