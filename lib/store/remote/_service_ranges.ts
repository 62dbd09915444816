import type { RangeAllocation, Service } from "../../api/types.ts";
import { repairServiceRanges, type ServiceNetworkOptions } from "../../network/mod.ts";

/**
 * The two RangeAllocations (`serviceips`, `servicenodeports`) as the Services hold them.
 * kube-apiserver never serves its allocation ranges, so a client derives them from the Services
 * it lists; they carry the list's resourceVersion, so that planning a Service writes an update
 * (which the RemoteStore leaves to the server) rather than a create.
 */
export function rangesFromServices(
  services: readonly Service[],
  resourceVersion: string,
  network: ServiceNetworkOptions = {},
): RangeAllocation[] {
  const { ips, ports } = repairServiceRanges(services, network);
  return [ips, ports].map((range) => ({
    ...range,
    metadata: { ...range.metadata, resourceVersion },
  }));
}
