/**
 * The working state of one allocation plan: both ranges opened, their bitmaps as they change.
 *
 * @module
 */
import { ApiError } from "../api/errors.ts";
import type { RangeAllocation } from "../api/types.ts";
import { parseCIDR } from "./cidr.ts";
import { parsePortRange } from "./port_range.ts";
import { type OpenRange, openRange } from "./_range.ts";
import type { ServiceNetworkOptions, ServiceRanges } from "./service_ranges.ts";

/** Both ranges of a plan and their bitmaps; the plan functions replace the data as they go. */
export interface Ledger {
  /** The service IP range. */
  ips: OpenRange;
  /** The node port range. */
  ports: OpenRange;
  /** The service IP bitmap (base64). */
  ipData: string;
  /** The node port bitmap (base64). */
  portData: string;
}

/** Kubernetes' ErrMismatchedNetwork, with both ranges named. */
function mismatch(stored: string, given: string): ApiError {
  return new ApiError(
    "InternalError",
    500,
    `Internal error occurred: the provided network does not match the current range: the cluster stores ${stored}, this process was given ${given}`,
  );
}

/**
 * Opens both ranges. The stored ranges are the truth; a range given explicitly in `options` that
 * differs from the stored one is an error, as kube-apiserver refuses a changed range.
 */
export function openLedger(ranges: ServiceRanges, options: ServiceNetworkOptions): Ledger {
  const ips = openRange(ranges.ips);
  const ports = openRange(ranges.ports);
  if (ips.kind !== "ip") throw mismatch(ips.text, "a CIDR");
  if (ports.kind !== "port") throw mismatch(ports.text, "a port range");
  if (options.serviceCIDR !== undefined) {
    const given = parseCIDR(options.serviceCIDR).text;
    if (given !== ips.text) throw mismatch(ips.text, given);
  }
  if (options.nodePortRange !== undefined) {
    const given = parsePortRange(options.nodePortRange).text;
    if (given !== ports.text) throw mismatch(ports.text, given);
  }
  return { ips, ports, ipData: ranges.ips.data ?? "", portData: ranges.ports.data ?? "" };
}

function withData(allocation: RangeAllocation, data: string): RangeAllocation {
  return (allocation.data ?? "") === data ? allocation : { ...structuredClone(allocation), data };
}

/** The ranges after the plan: a range whose bitmap did not change is the same object as before. */
export function closeLedger(ledger: Ledger, ranges: ServiceRanges): ServiceRanges {
  const ips = withData(ranges.ips, ledger.ipData);
  const ports = withData(ranges.ports, ledger.portData);
  return ips === ranges.ips && ports === ranges.ports ? ranges : { ips, ports };
}
