/**
 * `kubectl describe service` and `kubectl describe endpoints`.
 *
 * @module
 */
import type { Endpoints, Service } from "../../api/types.ts";
import {
  annotationLines,
  type DescribeContext,
  labelLines,
  withEvents,
} from "./_describe_format.ts";
import { formatLabels } from "./columns.ts";
import { formatEndpoints } from "./columns_service.ts";

/** What describeService() is given besides the Service. */
export interface DescribeServiceContext extends DescribeContext {
  /** The Service's Endpoints object. */
  endpoints?: Endpoints;
}

/**
 * A Service as `kubectl describe service` prints it: selector, type, IP family, cluster IPs,
 * then per port its Port, TargetPort, NodePort and Endpoints, session affinity and traffic
 * policies, then the events.
 */
export function describeService(service: Service, context: DescribeServiceContext): string[] {
  const spec = service.spec;
  const lines = [
    `Name:\t${service.metadata.name}`,
    `Namespace:\t${service.metadata.namespace ?? "default"}`,
    ...labelLines("Labels", service.metadata.labels),
    ...annotationLines("Annotations", service.metadata.annotations),
    `Selector:\t${formatLabels(spec.selector)}`,
    `Type:\t${spec.type ?? "ClusterIP"}`,
  ];
  if (spec.ipFamilyPolicy) lines.push(`IP Family Policy:\t${spec.ipFamilyPolicy}`);
  lines.push(`IP Families:\t${spec.ipFamilies?.join(",") || "<none>"}`);
  lines.push(`IP:\t${spec.clusterIP ?? ""}`, `IPs:\t${spec.clusterIPs?.join(",") || "<none>"}`);
  if (spec.externalIPs?.length) lines.push(`External IPs:\t${spec.externalIPs.join(",")}`);
  if (spec.loadBalancerIP) lines.push(`Desired LoadBalancer IP:\t${spec.loadBalancerIP}`);
  if (spec.externalName) lines.push(`External Name:\t${spec.externalName}`);
  const ingress = service.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0) {
    lines.push(`LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname).join(", ")}`);
  }
  for (const port of spec.ports ?? []) {
    const name = port.name || "<unset>";
    const protocol = port.protocol ?? "TCP";
    lines.push(`Port:\t${name}\t${port.port}/${protocol}`);
    lines.push(`TargetPort:\t${port.targetPort ?? port.port}/${protocol}`);
    if (port.appProtocol) lines.push(`AppProtocol:\t${port.appProtocol}`);
    if (port.nodePort) lines.push(`NodePort:\t${name}\t${port.nodePort}/${protocol}`);
    const endpoints = context.endpoints
      ? formatEndpoints(context.endpoints, new Set([port.name ?? ""]))
      : "<none>";
    lines.push(`Endpoints:\t${endpoints}`);
  }
  lines.push(`Session Affinity:\t${spec.sessionAffinity ?? "None"}`);
  if (spec.externalTrafficPolicy) {
    lines.push(`External Traffic Policy:\t${spec.externalTrafficPolicy}`);
  }
  if (spec.internalTrafficPolicy) {
    lines.push(`Internal Traffic Policy:\t${spec.internalTrafficPolicy}`);
  }
  return withEvents(lines, context.events ?? [], context.now);
}

/** Endpoints as `kubectl describe endpoints` prints them: each subset's addresses and ports. */
export function describeEndpoints(endpoints: Endpoints, context: DescribeContext): string[] {
  const lines = [
    `Name:\t${endpoints.metadata.name}`,
    `Namespace:\t${endpoints.metadata.namespace ?? "default"}`,
    ...labelLines("Labels", endpoints.metadata.labels),
    ...annotationLines("Annotations", endpoints.metadata.annotations),
    "Subsets:",
  ];
  for (const subset of endpoints.subsets ?? []) {
    lines.push(`  Addresses:\t${(subset.addresses ?? []).map((a) => a.ip).join(",") || "<none>"}`);
    lines.push(
      `  NotReadyAddresses:\t${
        (subset.notReadyAddresses ?? []).map((a) => a.ip).join(",") || "<none>"
      }`,
    );
    if (subset.ports?.length) {
      lines.push("  Ports:", "    Name\tPort\tProtocol", "    ----\t----\t--------");
      for (const p of subset.ports) {
        lines.push(`    ${p.name || "<unset>"}\t${p.port}\t${p.protocol ?? "TCP"}`);
      }
    }
    lines.push("");
  }
  return withEvents(lines, context.events ?? [], context.now);
}
