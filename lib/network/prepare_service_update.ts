/**
 * What kube-apiserver does to a Service update before validating it: keep the values it
 * allocated, keep clusterIP and clusterIPs in step, drop fields the new type no longer has.
 *
 * @module
 */
import type { Service } from "../api/types.ts";
import { needsClusterIP } from "./_cluster_ips.ts";
import { needsNodePorts, nodePortsOf } from "./_node_ports.ts";

function same(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/**
 * patchAllocatedValues: a client that re-sends its manifest without the allocated clusterIP or
 * node ports keeps them (node ports are matched by port name, unless the new object already uses
 * that node port elsewhere).
 */
function patchAllocatedValues(service: Service, old: Service): void {
  const spec = service.spec, before = old.spec;
  if (needsClusterIP(old) && needsClusterIP(service)) {
    if (!spec.clusterIP && before.clusterIP) spec.clusterIP = before.clusterIP;
    if (!spec.clusterIPs?.length && before.clusterIPs?.length) {
      spec.clusterIPs = [...before.clusterIPs];
    }
    if (!spec.ipFamilies && before.ipFamilies) spec.ipFamilies = [...before.ipFamilies];
    if (!spec.ipFamilyPolicy && before.ipFamilyPolicy) spec.ipFamilyPolicy = before.ipFamilyPolicy;
  }
  if (needsNodePorts(old) && needsNodePorts(service)) {
    const fresh = new Set(nodePortsOf(service));
    const used = new Set(nodePortsOf(old).filter((port) => fresh.has(port)));
    const byName = new Map((before.ports ?? []).map((port) => [port.name ?? "", port.nodePort]));
    for (const port of spec.ports ?? []) {
      const known = byName.get(port.name ?? "");
      if (!port.nodePort && known && !used.has(known)) port.nodePort = known;
    }
  }
}

/** normalizeClusterIPs on update: an old client that sends only clusterIP keeps clusterIPs right. */
function normalizeClusterIPs(service: Service, old: Service): void {
  const spec = service.spec, before = old.spec;
  if (
    before.clusterIPs?.length && !spec.clusterIPs?.length && spec.clusterIP === before.clusterIP
  ) {
    spec.clusterIPs = [...before.clusterIPs];
  }
  if (spec.clusterIP === before.clusterIP) return;
  if (before.clusterIP && !spec.clusterIP) {
    if (same(spec.clusterIPs, before.clusterIPs)) delete spec.clusterIPs;
  } else if (same(spec.clusterIPs, before.clusterIPs)) {
    spec.clusterIPs = [spec.clusterIP!];
  }
}

/** dropTypeDependentFields: a type change clears what the old type had, unless the user changed it. */
function dropTypeDependentFields(service: Service, old: Service): void {
  const spec = service.spec, before = old.spec;
  if (needsClusterIP(old) && !needsClusterIP(service) && same(spec.clusterIPs, before.clusterIPs)) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    if (same(spec.ipFamilies, before.ipFamilies)) delete spec.ipFamilies;
    if (spec.ipFamilyPolicy === before.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  const ports = spec.ports ?? [];
  const unchanged = same(ports.map((p) => p.nodePort), (before.ports ?? []).map((p) => p.nodePort));
  if (needsNodePorts(old) && !needsNodePorts(service) && unchanged) {
    for (const port of ports) delete port.nodePort;
  }
}

/**
 * A copy of `updated` prepared as kube-apiserver's Service strategy prepares an update
 * (PrepareForUpdate): allocated values the client left out are carried over from `old`, and a
 * type change drops what only the old type had (a NodePort turned ClusterIP loses its node ports,
 * a ClusterIP turned ExternalName its cluster IP). Call it on the defaulted object before
 * validating an update; planServiceUpdate() calls it too.
 *
 * @example
 * ```ts
 * import { prepareServiceUpdate } from "./prepare_service_update.ts";
 * import type { Service } from "../api/types.ts";
 * const old: Service = {
 *   apiVersion: "v1",
 *   kind: "Service",
 *   metadata: { name: "web" },
 *   spec: { clusterIP: "10.96.1.1", clusterIPs: ["10.96.1.1"], ports: [{ port: 80 }] },
 * };
 * const resent = { ...old, spec: { ports: [{ port: 80 }] } };
 * console.log(prepareServiceUpdate(old, resent).spec.clusterIP); // 10.96.1.1
 * ```
 */
export function prepareServiceUpdate(old: Service, updated: Service): Service {
  const service = structuredClone(updated);
  service.spec ??= {};
  const before = { ...old, spec: old.spec ?? {} };
  patchAllocatedValues(service, before);
  normalizeClusterIPs(service, before);
  dropTypeDependentFields(service, before);
  return service;
}
