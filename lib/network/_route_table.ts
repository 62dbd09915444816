/**
 * The ready backends of an Endpoints object, compiled once per resourceVersion: per port name, the
 * ready addresses sorted by IP, each with its answer prebuilt (frozen, so routing allocates
 * nothing).
 *
 * @module
 */
import type { Endpoints } from "../api/types.ts";
import { parseIPv4 } from "./cidr.ts";

/** Where one request goes: the pod behind a ready endpoint and the port to reach it on. */
export interface RouteResult {
  /** Name of the pod (the address's targetRef), "" when the address names none. */
  pod: string;
  /** Namespace of the pod. */
  namespace: string;
  /** Pod IP. */
  ip: string;
  /** Port on the pod (the EndpointPort). */
  port: number;
}

/** Ready routes per endpoint port name ("" for the unnamed port of a one-port service). */
export type RouteTable = Map<string, readonly RouteResult[]>;

/**
 * Orders IPs numerically (IPv4), IPv4 before anything else, the rest as text. The rotation order
 * must depend on the addresses alone, so that a cursor (the last IP served) means the same thing
 * in every process and after every change of the endpoints.
 */
export function compareIPs(a: string, b: string): number {
  return compareKeyed(parseIPv4(a), a, parseIPv4(b), b);
}

function compareKeyed(x: number | undefined, a: string, y: number | undefined, b: string): number {
  if (x !== undefined && y !== undefined) return x - y;
  if (x !== undefined) return -1;
  if (y !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compiles the ready addresses (never notReadyAddresses) of `endpoints`, one list per port name. */
export function compileRoutes(endpoints: Endpoints): RouteTable {
  const namespace = endpoints.metadata.namespace ?? "default";
  const byName = new Map<string, Map<string, RouteResult>>();
  for (const subset of endpoints.subsets ?? []) {
    const addresses = subset.addresses ?? [];
    if (addresses.length === 0) continue;
    for (const port of subset.ports ?? []) {
      const name = port.name ?? "";
      let routes = byName.get(name);
      if (!routes) byName.set(name, routes = new Map());
      for (const address of addresses) {
        if (routes.has(address.ip)) continue;
        routes.set(
          address.ip,
          Object.freeze({
            pod: address.targetRef?.name ?? "",
            namespace: address.targetRef?.namespace ?? namespace,
            ip: address.ip,
            port: port.port,
          }),
        );
      }
    }
  }
  const table: RouteTable = new Map();
  for (const [name, routes] of byName) {
    const keyed = [...routes.values()].map((route) => ({ route, key: parseIPv4(route.ip) }));
    keyed.sort((a, b) => compareKeyed(a.key, a.route.ip, b.key, b.route.ip));
    table.set(name, Object.freeze(keyed.map((entry) => entry.route)));
  }
  return table;
}

/**
 * The index that comes after `last` in `routes`: the first route whose IP sorts after it, so that
 * a removed endpoint's successor, or a new endpoint just after it, is next; 0 past the end or
 * without a last IP. Binary search: O(log n).
 */
export function indexAfter(routes: readonly RouteResult[], last: string | undefined): number {
  if (last === undefined) return 0;
  let low = 0, high = routes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareIPs(routes[middle].ip, last) <= 0) low = middle + 1;
    else high = middle;
  }
  return low === routes.length ? 0 : low;
}
