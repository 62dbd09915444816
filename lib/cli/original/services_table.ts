import type { Endpoints, Service } from "../../api/types.ts";
import { formatTable } from "../table.ts";

/** PORT(S) as kubectl prints it: `80/TCP`, `80:30080/TCP` with a node port. */
function portsText(service: Service): string {
  const ports = (service.spec.ports ?? []).map((p) =>
    `${p.port}${p.nodePort ? `:${p.nodePort}` : ""}/${p.protocol ?? "TCP"}`
  );
  return ports.length ? ports.join(",") : "<none>";
}

/** ENDPOINTS as `kubectl get endpoints` prints them: up to three `ip:port`, then `+ N more...`. */
export function endpointsText(endpoints: Endpoints | undefined): string {
  const all: string[] = [];
  for (const subset of endpoints?.subsets ?? []) {
    if (!subset.ports?.length) all.push(...(subset.addresses ?? []).map((a) => a.ip));
    for (const port of subset.ports ?? []) {
      for (const address of subset.addresses ?? []) all.push(`${address.ip}:${port.port}`);
    }
  }
  if (all.length === 0) return "<none>";
  const more = all.length > 3 ? ` + ${all.length - 3} more...` : "";
  return all.slice(0, 3).join(",") + more;
}

function selectorText(selector: Record<string, string> | undefined): string {
  const pairs = Object.entries(selector ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.length ? pairs.map(([k, v]) => `${k}=${v}`).join(",") : "<none>";
}

/**
 * The table of `services`: name, type, ClusterIP, ports, ready endpoints and selector.
 *
 * @example
 * ```ts
 * import { servicesTable } from "./services_table.ts";
 * servicesTable([], [], "default"); // "No resources found in default namespace."
 * ```
 */
export function servicesTable(
  services: readonly Service[],
  endpoints: readonly Endpoints[],
  namespace: string,
): string {
  if (services.length === 0) return `No resources found in ${namespace} namespace.`;
  const byName = new Map(endpoints.map((e) => [e.metadata.name, e]));
  const rows = services.map((s) => [
    s.metadata.name!,
    s.spec.type ?? "ClusterIP",
    s.spec.clusterIP ?? "<none>",
    portsText(s),
    endpointsText(byName.get(s.metadata.name)),
    selectorText(s.spec.selector),
  ]);
  return formatTable(["NAME", "TYPE", "CLUSTER-IP", "PORT(S)", "ENDPOINTS", "SELECTOR"], rows);
}
