/**
 * Service and Endpoints validation (core/v1).
 *
 * @module
 */
import {
  duplicateValue,
  invalidValue,
  requiredValue,
  type StatusCause,
  unsupportedValue,
} from "../errors.ts";
import type { EndpointPort, Endpoints, Service, ServicePort } from "../types.ts";
import { forbidden, invalidEach } from "./_field.ts";
import {
  dns1035LabelErrors,
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  portNumberErrors,
} from "./_names.ts";
import { isIP } from "./_ip.ts";
import { validateLabels, validateObjectMeta } from "./_validate_meta.ts";
import { validatePortNumOrName } from "./_validate_probe.ts";

const TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
const PROTOCOLS = ["SCTP", "TCP", "UDP"];
const NODE_PORTS = { min: 30000, max: 32767 };

function protocolCauses(protocol: string | undefined, path: string): StatusCause[] {
  if (!protocol) return [requiredValue(path)];
  return PROTOCOLS.includes(protocol) ? [] : [unsupportedValue(path, protocol, PROTOCOLS)];
}

/** Name (required when several), port number and protocol of a Service or Endpoints port. */
function validatePortBasics(
  port: ServicePort | EndpointPort,
  requireName: boolean,
  names: Set<string>,
  at: string,
): StatusCause[] {
  const causes: StatusCause[] = [];
  if (requireName && !port.name) causes.push(requiredValue(`${at}.name`));
  else if (port.name) {
    causes.push(...invalidEach(`${at}.name`, port.name, dns1123LabelErrors(port.name)));
    if (names.has(port.name)) causes.push(duplicateValue(`${at}.name`, port.name));
    names.add(port.name);
  }
  causes.push(...invalidEach(`${at}.port`, port.port ?? 0, portNumberErrors(port.port ?? 0)));
  causes.push(...protocolCauses(port.protocol, `${at}.protocol`));
  return causes;
}

function validatePorts(service: Service): StatusCause[] {
  const causes: StatusCause[] = [];
  const ports = service.spec?.ports ?? [];
  const type = service.spec?.type;
  const names = new Set<string>();
  const seen = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((port, i) => {
    const at = `spec.ports[${i}]`;
    causes.push(...validatePortBasics(port, ports.length > 1, names, at));
    causes.push(...validatePortNumOrName(port.targetPort, `${at}.targetPort`));
    const key = JSON.stringify({ protocol: port.protocol, port: port.port });
    if (seen.has(key)) causes.push(duplicateValue(at, JSON.parse(key)));
    seen.add(key);
    if (!port.nodePort) return;
    if (type === "ClusterIP") {
      causes.push(forbidden(`${at}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
    } else if (type === "NodePort" || type === "LoadBalancer") {
      if (port.nodePort < NODE_PORTS.min || port.nodePort > NODE_PORTS.max) {
        causes.push(invalidValue(
          `${at}.nodePort`,
          port.nodePort,
          `provided port is not in the valid range. The range of valid ports is ${NODE_PORTS.min}-${NODE_PORTS.max}`,
        ));
      }
      const nodeKey = `${port.protocol}/${port.nodePort}`;
      if (nodePorts.has(nodeKey)) causes.push(duplicateValue(`${at}.nodePort`, port.nodePort));
      nodePorts.add(nodeKey);
    }
  });
  return causes;
}

/** The causes that make a Service invalid. */
export function validateService(service: Service): StatusCause[] {
  const causes = validateObjectMeta(service.metadata, {
    namespaced: true,
    nameErrors: dns1035LabelErrors,
  });
  const spec = service.spec ?? {};
  if (!spec.type) causes.push(requiredValue("spec.type"));
  else if (!TYPES.includes(spec.type)) causes.push(unsupportedValue("spec.type", spec.type, TYPES));
  const headless = spec.clusterIP === "None";
  if (!spec.ports?.length && !headless && spec.type !== "ExternalName") {
    causes.push(requiredValue("spec.ports"));
  }
  if (spec.type === "ExternalName") {
    if (spec.clusterIP) {
      causes.push(forbidden("spec.clusterIP", "may not be set for ExternalName services"));
    }
    const cname = (spec.externalName ?? "").replace(/\.$/, "");
    if (!cname) causes.push(requiredValue("spec.externalName"));
    else causes.push(...invalidEach("spec.externalName", cname, dns1123SubdomainErrors(cname)));
  } else if (spec.clusterIP && !headless && !isIP(spec.clusterIP)) {
    causes.push(invalidValue(
      "spec.clusterIP",
      spec.clusterIP,
      "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
    ));
  }
  causes.push(...validatePorts(service));
  causes.push(...validateLabels(spec.selector, "spec.selector"));
  const affinity = spec.sessionAffinity;
  if (!affinity) causes.push(requiredValue("spec.sessionAffinity"));
  else if (affinity !== "None" && affinity !== "ClientIP") {
    causes.push(unsupportedValue("spec.sessionAffinity", affinity, ["ClientIP", "None"]));
  }
  return causes;
}

/** The causes that make Endpoints invalid. */
export function validateEndpoints(endpoints: Endpoints): StatusCause[] {
  const causes = validateObjectMeta(endpoints.metadata, {
    namespaced: true,
    nameErrors: dns1123SubdomainErrors,
  });
  endpoints.subsets?.forEach((subset, i) => {
    const at = `subsets[${i}]`;
    for (const list of ["addresses", "notReadyAddresses"] as const) {
      subset[list]?.forEach((address, j) => {
        if (!isIP(address.ip ?? "")) {
          causes.push(
            invalidValue(`${at}.${list}[${j}].ip`, address.ip ?? "", "must be a valid IP address"),
          );
        }
      });
    }
    const names = new Set<string>();
    const ports = subset.ports ?? [];
    ports.forEach((port, j) =>
      causes.push(...validatePortBasics(port, ports.length > 1, names, `${at}.ports[${j}]`))
    );
  });
  return causes;
}
