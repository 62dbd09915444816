import { parseIPv4 } from "../../network/mod.ts";
import type { ProxyBackend } from "./types.ts";

/**
 * The rotation order: IPv4 addresses as numbers, IPv4 before anything else, other text as text,
 * then the port. The IP part is the order of lib/network's ServiceRouter (`kclone
 * service-route`), so that the simulated view and the real proxy rotate alike.
 */
export function compareBackends(a: ProxyBackend, b: ProxyBackend): number {
  const byIP = compareIPs(a.ip, b.ip);
  return byIP !== 0 ? byIP : a.port - b.port;
}

function compareIPs(a: string, b: string): number {
  const x = parseIPv4(a), y = parseIPv4(b);
  if (x !== undefined && y !== undefined) return x - y;
  if (x !== undefined) return -1;
  if (y !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when both lists name the same endpoints in the same order. */
export function sameBackends(a: readonly ProxyBackend[], b: readonly ProxyBackend[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].ip !== b[i].ip || a[i].port !== b[i].port) return false;
  }
  return true;
}

/**
 * The index of the first backend that sorts after `last` (the one served last), 0 past the end or
 * without one: after a change the rotation goes on where it was, as ServiceRouter's does.
 */
export function indexAfter(
  backends: readonly ProxyBackend[],
  last: ProxyBackend | undefined,
): number {
  if (last === undefined) return 0;
  let low = 0, high = backends.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareBackends(backends[middle], last) <= 0) low = middle + 1;
    else high = middle;
  }
  return low === backends.length ? 0 : low;
}
