/**
 * Node port allocation and release on a Service being planned (a private copy, changed in place).
 *
 * @module
 */
import type { Service, ServicePort } from "../api/types.ts";
import type { Ledger } from "./_ledger.ts";
import { allocateNext, allocateValue, releaseValue } from "./_range.ts";
import { failureText, internalError, nodePortInvalid } from "./_service_errors.ts";

/** NodePort and LoadBalancer services open a port on every node. */
export function needsNodePorts(service: Service): boolean {
  return service.spec?.type === "NodePort" || service.spec?.type === "LoadBalancer";
}

/** The node ports a service holds. */
export function nodePortsOf(service: Service): number[] {
  return (service.spec?.ports ?? []).flatMap((port) => port.nodePort ? [port.nodePort] : []);
}

/** A node port asked for by any port of the service with this port number (TCP and UDP 53 share). */
function requestedFor(port: number, ports: ServicePort[]): number | undefined {
  return ports.find((p) => p.port === port && p.nodePort)?.nodePort;
}

/**
 * Gives every port of a NodePort or LoadBalancer service a node port, as kube-apiserver's
 * initNodePorts and updateNodePorts do: a requested port is taken when free and in range (ports
 * the old service already held are kept), ports with the same port number share one node port,
 * the rest get the next free port. On update, old node ports no longer used are freed.
 */
export function allocateNodePorts(service: Service, ledger: Ledger, old?: Service): void {
  const held = new Set(old && needsNodePorts(old) ? nodePortsOf(old) : []);
  const taken = new Set<number>();
  const byPort = new Map<number, number>();
  const ports = service.spec.ports ?? [];
  ports.forEach((port, i) => {
    let nodePort = port.nodePort || byPort.get(port.port) || requestedFor(port.port, ports);
    if (nodePort) {
      if (!held.has(nodePort) && !taken.has(nodePort)) {
        const result = allocateValue(ledger.ports, ledger.portData, nodePort);
        if ("failure" in result) {
          const detail = failureText(ledger.ports, result.failure, String(nodePort));
          throw nodePortInvalid(service, i, nodePort, detail);
        }
        ledger.portData = result.data;
      }
    } else {
      const next = allocateNext(ledger.ports, ledger.portData);
      if (!next) throw internalError("failed to allocate a nodePort: range is full");
      ledger.portData = next.data;
      nodePort = next.value;
    }
    taken.add(nodePort);
    byPort.set(port.port, nodePort);
    port.nodePort = nodePort;
  });
  for (const nodePort of held) {
    if (!taken.has(nodePort)) {
      ledger.portData = releaseValue(ledger.ports, ledger.portData, nodePort);
    }
  }
}

/** Frees every node port of a NodePort or LoadBalancer service. */
export function releaseNodePorts(service: Service, ledger: Ledger): void {
  if (!needsNodePorts(service)) return;
  for (const nodePort of nodePortsOf(service)) {
    ledger.portData = releaseValue(ledger.ports, ledger.portData, nodePort);
  }
}
