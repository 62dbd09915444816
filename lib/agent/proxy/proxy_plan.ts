import type { Endpoints, Service, ServicePort } from "../../api/types.ts";
import { compareBackends } from "./_backends.ts";
import type { ProxyBackend, ProxyListen, ProxyPlanOptions, ProxyRule } from "./types.ts";

function isLoopback(ip: string): boolean {
  return ip.startsWith("127.");
}

/** The ready TCP backends of one service port: EndpointPorts of the same name and protocol. */
function backendsOf(endpoints: Endpoints | undefined, port: ServicePort): ProxyBackend[] {
  const name = port.name ?? "", protocol = port.protocol ?? "TCP";
  const namespace = endpoints?.metadata.namespace ?? "default";
  const byIP = new Map<string, ProxyBackend>();
  for (const subset of endpoints?.subsets ?? []) {
    const match = subset.ports?.find((p) =>
      (p.name ?? "") === name && (p.protocol ?? "TCP") === protocol
    );
    if (!match) continue;
    for (const address of subset.addresses ?? []) {
      // One backend per IP, as ServiceRouter keeps one route per IP.
      if (byIP.has(address.ip)) continue;
      byIP.set(address.ip, {
        ip: address.ip,
        port: match.port,
        pod: address.targetRef?.name ?? "",
        namespace: address.targetRef?.namespace ?? namespace,
      });
    }
  }
  return [...byIP.values()].sort(compareBackends);
}

/** Where a service port is listened on, before conflicts between rules are settled. */
function listenOf(
  service: Service,
  port: ServicePort,
  local: (ip: string) => boolean,
  nodeAddress: string,
): ProxyListen[] {
  const spec = service.spec;
  const hosts: [string, number][] = [];
  if ((spec.type === "NodePort" || spec.type === "LoadBalancer") && port.nodePort) {
    // A wildcard node address covers 127.0.0.1; binding both would collide.
    if (nodeAddress !== "0.0.0.0") hosts.push(["127.0.0.1", port.nodePort]);
    hosts.push([nodeAddress, port.nodePort]);
  }
  const ips = spec.clusterIPs?.length ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
  for (const ip of [...ips, ...(spec.externalIPs ?? [])]) {
    if (ip !== "None" && local(ip)) hosts.push([ip, port.port]);
  }
  const seen = new Set<string>();
  return hosts.filter(([host, p]) => !seen.has(`${host}:${p}`) && !!seen.add(`${host}:${p}`))
    .map(([hostname, p]) => ({ hostname, port: p }));
}

function skipReason(service: Service, port: ServicePort, protocol: string): string | undefined {
  const spec = service.spec;
  if (spec.type === "ExternalName") return "ExternalName services are not proxied";
  if (spec.clusterIP === "None") return "headless services (clusterIP None) are not proxied";
  if (protocol !== "TCP") return `protocol ${protocol} is not proxied (TCP only)`;
  if (!port.port) return "the service port has no port number";
  return undefined;
}

function notLocal(service: Service): string {
  const ip = service.spec.clusterIP;
  return ip ? `cluster IP ${ip} is not a local address` : "no node port and no cluster IP";
}

/**
 * The proxy rules for a node: one per (Service, port), sorted by key. Each rule listens on the
 * node port (on 127.0.0.1 and on `nodeAddress`) for NodePort and LoadBalancer services, and on
 * the cluster IPs and external IPs at the service port where `localAddress` says they are local
 * (e.g. a service CIDR inside 127.0.0.0/8). Its backends are the ready addresses (never
 * notReadyAddresses) of the Endpoints ports that match the service port by name and protocol,
 * as kube-proxy matches them, in the rotation order of `kclone service-route`. UDP and SCTP
 * ports, headless and ExternalName services are kept with a `skipped` reason. When two rules ask
 * for one address, the first by key keeps it.
 *
 * @example
 * ```ts
 * import { proxyPlan } from "./proxy_plan.ts";
 * const [rule] = proxyPlan([{
 *   apiVersion: "v1",
 *   kind: "Service",
 *   metadata: { name: "web", namespace: "default" },
 *   spec: { type: "NodePort", clusterIP: "10.96.0.20", ports: [{ port: 80, nodePort: 30080 }] },
 * }], [{
 *   apiVersion: "v1",
 *   kind: "Endpoints",
 *   metadata: { name: "web", namespace: "default" },
 *   subsets: [{ addresses: [{ ip: "127.0.1.2" }], ports: [{ port: 8080 }] }],
 * }]);
 * console.log(rule.listen); // [ { hostname: "127.0.0.1", port: 30080 } ]
 * console.log(rule.backends); // [ { ip: "127.0.1.2", port: 8080, pod: "", namespace: "default" } ]
 * ```
 */
export function proxyPlan(
  services: readonly Service[],
  endpoints: readonly Endpoints[],
  options: ProxyPlanOptions = {},
): ProxyRule[] {
  const local = options.localAddress ?? isLoopback;
  const nodeAddress = options.nodeAddress ?? "127.0.0.1";
  const byKey = new Map<string, Endpoints>();
  for (const e of endpoints) {
    byKey.set(`${e.metadata.namespace ?? "default"}/${e.metadata.name}`, e);
  }
  const rules: ProxyRule[] = [];
  for (const service of services) {
    const namespace = service.metadata.namespace ?? "default", name = service.metadata.name ?? "";
    const serviceEndpoints = byKey.get(`${namespace}/${name}`);
    for (const port of service.spec.ports ?? []) {
      const portName = port.name ?? "", protocol = port.protocol ?? "TCP";
      const rule: ProxyRule = {
        key: portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`,
        namespace,
        service: name,
        portName,
        protocol,
        listen: [],
        backends: backendsOf(serviceEndpoints, port),
      };
      const skipped = skipReason(service, port, protocol);
      if (skipped) rule.skipped = skipped;
      else rule.listen = listenOf(service, port, local, nodeAddress);
      if (!skipped && rule.listen.length === 0) rule.skipped = notLocal(service);
      rules.push(rule);
    }
  }
  rules.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return settleConflicts(rules);
}

/** Leaves each listen address to the first rule that asks for it and explains empty rules. */
function settleConflicts(rules: ProxyRule[]): ProxyRule[] {
  const owners = new Map<string, string>();
  for (const rule of rules) {
    if (rule.skipped) continue;
    const taken: string[] = [];
    rule.listen = rule.listen.filter(({ hostname, port }) => {
      const address = `${hostname}:${port}`, owner = owners.get(address);
      if (owner === undefined) return !!owners.set(address, rule.key);
      taken.push(`${address} is taken by ${owner}`);
      return false;
    });
    if (rule.listen.length === 0) rule.skipped = taken.join(", ");
  }
  return rules;
}
