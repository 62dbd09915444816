/**
 * The two RangeAllocation objects that hold every Service's cluster IP and node ports, as
 * kube-apiserver keeps them at `/registry/ranges/serviceips` and
 * `/registry/ranges/servicenodeports`.
 *
 * @module
 */
import type { RangeAllocation } from "../api/types.ts";
import type { BatchOperation, Store } from "../store/store.ts";
import { parseCIDR } from "./cidr.ts";
import { parsePortRange } from "./port_range.ts";

/** Name of the RangeAllocation of service cluster IPs. */
export const SERVICE_IPS: string = "serviceips";
/** Name of the RangeAllocation of node ports. */
export const SERVICE_NODE_PORTS: string = "servicenodeports";
/** kube-apiserver's default `--service-cluster-ip-range` (as kubeadm and kind set it). */
export const DEFAULT_SERVICE_CIDR: string = "10.96.0.0/12";
/** kube-apiserver's default `--service-node-port-range`. */
export const DEFAULT_NODE_PORT_RANGE: string = "30000-32767";

/** The cluster's service network settings. */
export interface ServiceNetworkOptions {
  /** The service IP range (default `10.96.0.0/12`). */
  serviceCIDR?: string;
  /** The node port range (default `30000-32767`). */
  nodePortRange?: string;
}

/** The allocation state of service IPs and node ports. */
export interface ServiceRanges {
  /** The `serviceips` RangeAllocation. */
  ips: RangeAllocation;
  /** The `servicenodeports` RangeAllocation. */
  ports: RangeAllocation;
}

function rangeAllocation(name: string, range: string): RangeAllocation {
  return { apiVersion: "v1", kind: "RangeAllocation", metadata: { name }, range, data: "" };
}

/**
 * The two RangeAllocation objects of a cluster that has allocated nothing yet. Malformed ranges
 * are a BadRequestError.
 *
 * @example
 * ```ts
 * import { emptyRanges } from "./service_ranges.ts";
 * const { ips, ports } = emptyRanges();
 * console.log(ips.metadata.name, ips.range, ports.range); // serviceips 10.96.0.0/12 30000-32767
 * ```
 */
export function emptyRanges(options: ServiceNetworkOptions = {}): ServiceRanges {
  const cidr = parseCIDR(options.serviceCIDR ?? DEFAULT_SERVICE_CIDR);
  const ports = parsePortRange(options.nodePortRange ?? DEFAULT_NODE_PORT_RANGE);
  return {
    ips: rangeAllocation(SERVICE_IPS, cidr.text),
    ports: rangeAllocation(SERVICE_NODE_PORTS, ports.text),
  };
}

/**
 * Reads both RangeAllocation objects from the store; one that does not exist yet comes from
 * emptyRanges() (without a resourceVersion, so rangeWrites() creates it).
 */
export async function loadServiceRanges(
  store: Pick<Store, "get">,
  options: ServiceNetworkOptions = {},
): Promise<ServiceRanges> {
  const empty = emptyRanges(options);
  const [ips, ports] = await Promise.all([
    store.get("RangeAllocation", undefined, SERVICE_IPS),
    store.get("RangeAllocation", undefined, SERVICE_NODE_PORTS),
  ]);
  return { ips: ips ?? empty.ips, ports: ports ?? empty.ports };
}

/**
 * The batch operations that store a plan's ranges: nothing for a range the plan left alone (the
 * same object), `create` for one that was never stored, otherwise `update` with the
 * resourceVersion that was read, so that a process that lost a race gets Conflict (or
 * AlreadyExists for a lost create), re-reads and plans again.
 */
export function rangeWrites(before: ServiceRanges, after: ServiceRanges): BatchOperation[] {
  const writes: BatchOperation[] = [];
  for (const key of ["ips", "ports"] as const) {
    if (after[key] === before[key]) continue;
    const stored = after[key].metadata.resourceVersion !== undefined;
    writes.push({ op: stored ? "update" : "create", object: after[key] });
  }
  return writes;
}
