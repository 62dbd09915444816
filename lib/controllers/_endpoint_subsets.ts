import type { EndpointAddress, EndpointPort, EndpointSubset, Pod, Service } from "../api/types.ts";

/** True when a pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

/** The pod's port for a service port: a number as it is, a name through the containers' ports. */
function resolveTargetPort(pod: Pod, target: number | string): number | undefined {
  if (typeof target === "number") return target;
  for (const container of pod.spec.containers) {
    for (const port of container.ports ?? []) {
      if (port.name === target) return port.containerPort;
    }
  }
  return undefined;
}

/**
 * The Endpoints subsets of a Service, as the endpoints controller computes them: every pod that has
 * an IP and is not terminating, ready ones in addresses and the others in notReadyAddresses; pods
 * whose named target ports resolve differently land in different subsets. Deterministic order.
 */
export function endpointSubsets(service: Service, pods: Pod[]): EndpointSubset[] {
  const groups = new Map<string, EndpointSubset>();
  const publishNotReady = service.spec.publishNotReadyAddresses === true;
  for (const pod of pods) {
    if (!pod.status?.podIP || pod.metadata.deletionTimestamp) continue;
    if (pod.status.phase === "Succeeded" || pod.status.phase === "Failed") continue;
    const ports: EndpointPort[] = [];
    for (const port of service.spec.ports ?? []) {
      const resolved = resolveTargetPort(pod, port.targetPort ?? port.port);
      if (resolved === undefined) continue;
      ports.push({
        ...(port.name ? { name: port.name } : {}),
        port: resolved,
        protocol: port.protocol ?? "TCP",
      });
    }
    if (ports.length === 0 && (service.spec.ports?.length ?? 0) > 0) continue;
    const signature = JSON.stringify(ports);
    let subset = groups.get(signature);
    if (!subset) groups.set(signature, subset = { ports });
    const address: EndpointAddress = {
      ip: pod.status.podIP,
      ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: {
        kind: "Pod",
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
        uid: pod.metadata.uid,
      },
    };
    const field = publishNotReady || isPodReady(pod) ? "addresses" : "notReadyAddresses";
    (subset[field] ??= []).push(address);
  }
  const byIp = (a: EndpointAddress, b: EndpointAddress) => compareIp(a.ip, b.ip);
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, subset]) => ({
      ...(subset.addresses ? { addresses: subset.addresses.sort(byIp) } : {}),
      ...(subset.notReadyAddresses
        ? { notReadyAddresses: subset.notReadyAddresses.sort(byIp) }
        : {}),
      ports: subset.ports,
    }));
}

function compareIp(a: string, b: string): number {
  const pa = a.split(".").map(Number), pb = b.split(".").map(Number);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
