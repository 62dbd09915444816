/** An IPv4 block: its first address as a number and its prefix length. */
export interface Ipv4Block {
  /** The network address, as an unsigned 32-bit number. */
  base: number;
  /** Prefix length, 0-32. */
  bits: number;
}

/** An IPv4 address as an unsigned number, or undefined when malformed. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
    return undefined;
  }
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** An unsigned number as a dotted IPv4 address. */
export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/** `10.244.1.0/24` as a block (the host bits cleared), or undefined when malformed or IPv6. */
export function parseIpv4Block(cidr: string): Ipv4Block | undefined {
  const [ip, prefix, ...rest] = cidr.split("/");
  const address = parseIpv4(ip);
  if (address === undefined || rest.length > 0 || !/^\d{1,2}$/.test(prefix ?? "")) return undefined;
  const bits = Number(prefix);
  if (bits > 32) return undefined;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return { base: (address & mask) >>> 0, bits };
}

/**
 * The lowest free pod IP of a node's pod CIDR: the network address and the gateway (`.1`) are
 * never handed out, nor the broadcast address; undefined when every address is taken.
 */
export function nextPodIP(podCIDR: string, used: ReadonlySet<string>): string | undefined {
  const block = parseIpv4Block(podCIDR);
  if (!block) return undefined;
  const size = 2 ** (32 - block.bits);
  for (let offset = 2; offset < size - 1; offset++) {
    const ip = formatIpv4(block.base + offset);
    if (!used.has(ip)) return ip;
  }
  return undefined;
}

/**
 * The simulated node's InternalIP, derived from its pod CIDR so that it is stable and unique
 * while the pod CIDRs are: the n-th /24 of 10.244.0.0/16 lives on 172.18.0.(n+2), as kind's
 * docker network numbers its nodes.
 */
export function internalIPFor(podCIDR: string): string | undefined {
  const block = parseIpv4Block(podCIDR);
  if (!block) return undefined;
  const subnetBits = Math.max(0, block.bits - 16);
  const index = subnetBits === 0 ? 0 : (block.base >>> (32 - block.bits)) % 2 ** subnetBits;
  return formatIpv4(parseIpv4("172.18.0.0")! + ((index + 2) % 65_536));
}
