/**
 * IPv4 CIDR arithmetic for the service IP range: addresses as 32-bit integers, parsing, membership
 * and the usable range.
 *
 * @module
 */
import { BadRequestError } from "../api/errors.ts";

/** A parsed IPv4 CIDR, e.g. `10.96.0.0/12`. */
export interface CIDR {
  /** Canonical text: the network address and prefix, e.g. `10.96.0.0/12`. */
  text: string;
  /** The network address as an unsigned 32-bit integer. */
  network: number;
  /** Prefix length, 0-32. */
  prefix: number;
  /** Number of addresses in the block, network and broadcast included (2^(32-prefix)). */
  size: number;
}

/** The addresses of a CIDR that may be handed out, as integers, both ends inclusive. */
export interface UsableRange {
  /** The first usable address (network + 1). */
  first: number;
  /** The last usable address (broadcast - 1). */
  last: number;
}

const OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
const IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/**
 * An IPv4 address as an unsigned 32-bit integer, or undefined when the text is not a dotted quad
 * (leading zeros are refused, as Go's parser refuses them).
 */
export function parseIPv4(text: string): number | undefined {
  const match = IPV4.exec(text);
  if (!match) return undefined;
  return ((+match[1] << 24) | (+match[2] << 16) | (+match[3] << 8) | +match[4]) >>> 0;
}

/** The dotted-quad text of an unsigned 32-bit integer. */
export function formatIPv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/**
 * Parses an IPv4 CIDR as Go's `net.ParseCIDR` does: host bits are allowed and dropped
 * (`10.96.0.1/12` is the block `10.96.0.0/12`). Malformed text, and IPv6 (kclone allocates IPv4
 * service addresses only), are a BadRequestError `invalid CIDR address: <text>`.
 *
 * @example
 * ```ts
 * import { parseCIDR } from "./cidr.ts";
 * console.log(parseCIDR("10.96.0.0/12").size); // 1048576
 * ```
 */
export function parseCIDR(text: string): CIDR {
  const slash = text.indexOf("/");
  const address = parseIPv4(text.slice(0, slash));
  const bits = text.slice(slash + 1);
  if (slash < 0 || address === undefined || !/^(3[0-2]|[12]?[0-9])$/.test(bits)) {
    const hint = text.includes(":") ? " (kclone allocates IPv4 service addresses only)" : "";
    throw new BadRequestError(`invalid CIDR address: ${text}${hint}`);
  }
  const prefix = Number(bits);
  const size = 2 ** (32 - prefix);
  const network = prefix === 0 ? 0 : (address & (~0 << (32 - prefix))) >>> 0;
  return { text: `${formatIPv4(network)}/${prefix}`, network, prefix, size };
}

/** Whether `ip` (text or integer) lies in the block, network and broadcast included. */
export function cidrContains(cidr: CIDR, ip: string | number): boolean {
  const value = typeof ip === "number" ? ip : parseIPv4(ip);
  return value !== undefined && value >= cidr.network && value < cidr.network + cidr.size;
}

/**
 * The addresses a service may get: Kubernetes never hands out the network address nor the IPv4
 * broadcast address. Empty (`first > last`) for /31 and /32.
 */
export function usableRange(cidr: CIDR): UsableRange {
  return { first: cidr.network + 1, last: cidr.network + cidr.size - 2 };
}

/**
 * The cluster IP of the `kubernetes` service in `default`: the first usable address
 * (`10.96.0.1` in `10.96.0.0/12`), as kube-apiserver computes it.
 */
export function kubernetesServiceIP(cidr: CIDR): string {
  return formatIPv4(cidr.network + 1);
}
