/**
 * `kubectl get services` and `kubectl get endpoints` columns.
 *
 * @module
 */
import type { Endpoints, Service, ServicePort } from "../../api/types.ts";
import { age } from "./age.ts";
import { formatLabels, type KindColumns } from "./columns.ts";

/** PORT(S) as kubectl writes them: `80/TCP`, `80:30080/TCP`, comma-separated; `<none>`. */
export function servicePorts(ports: readonly ServicePort[] | undefined): string {
  const pieces = (ports ?? []).map((p) =>
    p.nodePort
      ? `${p.port}:${p.nodePort}/${p.protocol ?? "TCP"}`
      : `${p.port}/${p.protocol ?? "TCP"}`
  );
  return pieces.length === 0 ? "<none>" : pieces.join(",");
}

/**
 * EXTERNAL-IP: the external IPs, or for a LoadBalancer its ingress addresses (`<pending>` until
 * it has one); ExternalName services show their name; `<none>` otherwise.
 */
export function serviceExternalIP(service: Service, wide = false): string {
  const external = service.spec.externalIPs ?? [];
  switch (service.spec.type ?? "ClusterIP") {
    case "ClusterIP":
    case "NodePort":
      return external.length > 0 ? external.join(",") : "<none>";
    case "LoadBalancer": {
      let ingress = (service.status?.loadBalancer?.ingress ?? [])
        .map((i) => i.ip || i.hostname || "").filter(Boolean).join(",");
      if (!wide && ingress.length > 16) ingress = `${ingress.slice(0, 13)}...`;
      const all = [...(ingress ? ingress.split(",") : []), ...external];
      return all.length > 0 ? all.join(",") : "<pending>";
    }
    case "ExternalName":
      return service.spec.externalName ?? "";
  }
  return "<unknown>";
}

/**
 * Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE; `-o wide` adds SELECTOR.
 */
export const serviceColumns: KindColumns<Service> = {
  headers: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
  wideHeaders: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "SELECTOR"],
  row(service: Service, now: number, wide: boolean): string[] {
    const cells = [
      service.metadata.name ?? "",
      service.spec.type ?? "ClusterIP",
      service.spec.clusterIPs?.[0] ?? service.spec.clusterIP ?? "<none>",
      serviceExternalIP(service, wide),
      servicePorts(service.spec.ports),
      age(service.metadata.creationTimestamp, now),
    ];
    return wide ? [...cells, formatLabels(service.spec.selector)] : cells;
  },
};

/**
 * ENDPOINTS as kubectl writes them: ready `ip:port` pairs (only the ports named in `portNames`
 * when given), the first three, then ` + N more...`; `<none>` without subsets.
 *
 * @example
 * ```ts
 * import { formatEndpoints } from "./columns_service.ts";
 * formatEndpoints({
 *   apiVersion: "v1", kind: "Endpoints", metadata: { name: "web" },
 *   subsets: [{ addresses: [{ ip: "10.244.0.2" }, { ip: "10.244.0.3" }], ports: [{ port: 80 }] }],
 * }); // "10.244.0.2:80,10.244.0.3:80"
 * ```
 */
export function formatEndpoints(endpoints: Endpoints, portNames?: ReadonlySet<string>): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return "<none>";
  const list: string[] = [];
  const max = 3;
  let count = 0;
  for (const subset of subsets) {
    const addresses = subset.addresses ?? [];
    const ports = subset.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) if (list.length < max) list.push(a.ip);
      continue;
    }
    for (const port of ports) {
      if (portNames && !portNames.has(port.name ?? "")) continue;
      count += addresses.length;
      for (const a of addresses) {
        if (list.length < max) list.push(`${hostPort(a.ip)}:${port.port}`);
      }
    }
  }
  const text = list.join(",");
  return count > max ? `${text} + ${count - max} more...` : text;
}

function hostPort(ip: string): string {
  return ip.includes(":") ? `[${ip}]` : ip;
}

/** Endpoints: NAME ENDPOINTS AGE. */
export const endpointsColumns: KindColumns<Endpoints> = {
  headers: ["NAME", "ENDPOINTS", "AGE"],
  wideHeaders: ["NAME", "ENDPOINTS", "AGE"],
  row(endpoints: Endpoints, now: number): string[] {
    return [
      endpoints.metadata.name ?? "",
      formatEndpoints(endpoints),
      age(endpoints.metadata.creationTimestamp, now),
    ];
  },
};
