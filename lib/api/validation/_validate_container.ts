/**
 * validateContainers: names, images, probes, ports, env, pull policy and resources of the
 * containers (or init containers) of a pod spec.
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
import type { Container, ContainerPort, EnvVar } from "../types.ts";
import { invalidEach } from "./_field.ts";
import {
  dns1123LabelErrors,
  envVarNameErrors,
  portNameErrors,
  portNumberErrors,
} from "./_names.ts";
import { validateProbe } from "./_validate_probe.ts";
import { validateResources } from "./_validate_resources.ts";

const FIELD_PATHS = [
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
  "spec.nodeName",
  "spec.serviceAccountName",
  "status.hostIP",
  "status.hostIPs",
  "status.podIP",
  "status.podIPs",
];
const SUBSCRIPTED = /^metadata\.(labels|annotations)\['[^']+'\]$/;

function validatePorts(ports: ContainerPort[] | undefined, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const names = new Set<string>();
  ports?.forEach((port, i) => {
    const at = `${path}[${i}]`;
    if (port.name) {
      const errors = portNameErrors(port.name);
      if (errors.length) causes.push(...invalidEach(`${at}.name`, port.name, errors));
      else if (names.has(port.name)) causes.push(duplicateValue(`${at}.name`, port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) causes.push(requiredValue(`${at}.containerPort`));
    else {
      causes.push(
        ...invalidEach(
          `${at}.containerPort`,
          port.containerPort,
          portNumberErrors(port.containerPort),
        ),
      );
    }
    if (port.hostPort) {
      causes.push(...invalidEach(`${at}.hostPort`, port.hostPort, portNumberErrors(port.hostPort)));
    }
    if (!port.protocol) causes.push(requiredValue(`${at}.protocol`));
    else if (!["SCTP", "TCP", "UDP"].includes(port.protocol)) {
      causes.push(unsupportedValue(`${at}.protocol`, port.protocol, ["SCTP", "TCP", "UDP"]));
    }
  });
  return causes;
}

function validateEnv(env: EnvVar[] | undefined, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  env?.forEach((v, i) => {
    const at = `${path}[${i}]`;
    if (!v.name) causes.push(requiredValue(`${at}.name`));
    else causes.push(...invalidEach(`${at}.name`, v.name, envVarNameErrors(v.name)));
    const from = v.valueFrom;
    if (!from) return;
    const sources = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"]
      .filter((key) => from[key as keyof typeof from] !== undefined).length;
    const fieldRef = from.fieldRef;
    if (fieldRef) {
      const refPath = `${at}.valueFrom.fieldRef`;
      if (!fieldRef.apiVersion) causes.push(requiredValue(`${refPath}.apiVersion`));
      else if (!fieldRef.fieldPath) causes.push(requiredValue(`${refPath}.fieldPath`));
      else if (!FIELD_PATHS.includes(fieldRef.fieldPath) && !SUBSCRIPTED.test(fieldRef.fieldPath)) {
        causes.push(unsupportedValue(`${refPath}.fieldPath`, fieldRef.fieldPath, FIELD_PATHS));
      }
    }
    if (sources === 0) {
      causes.push(invalidValue(
        `${at}.valueFrom`,
        "",
        "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
      ));
    } else if (v.value) {
      causes.push(
        invalidValue(`${at}.valueFrom`, "", "may not be specified when `value` is not empty"),
      );
    } else if (sources > 1) {
      causes.push(
        invalidValue(`${at}.valueFrom`, "", "may not have more than one field specified at a time"),
      );
    }
  });
  return causes;
}

function validateContainer(c: Container, at: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!c.image) causes.push(requiredValue(`${at}.image`));
  else if (c.image.trim() !== c.image) {
    causes.push(
      invalidValue(`${at}.image`, c.image, "must not have leading or trailing whitespace"),
    );
  }
  causes.push(...validateProbe(c.livenessProbe, `${at}.livenessProbe`));
  if (c.readinessProbe?.terminationGracePeriodSeconds !== undefined) {
    causes.push(invalidValue(
      `${at}.readinessProbe.terminationGracePeriodSeconds`,
      c.readinessProbe.terminationGracePeriodSeconds,
      "must not be set for readinessProbes",
    ));
  }
  causes.push(...validateProbe(c.startupProbe, `${at}.startupProbe`));
  for (const name of ["livenessProbe", "startupProbe"] as const) {
    const threshold = c[name]?.successThreshold;
    if (threshold !== undefined && threshold !== 1) {
      causes.push(invalidValue(`${at}.${name}.successThreshold`, threshold, "must be 1"));
    }
  }
  const policy = c.terminationMessagePolicy;
  if (policy !== "File" && policy !== "FallbackToLogsOnError") {
    const detail = "must be 'File' or 'FallbackToLogsOnError'";
    const field = `${at}.terminationMessagePolicy`;
    causes.push(policy ? invalidValue(field, policy, detail) : requiredValue(field, detail));
  }
  causes.push(...validateProbe(c.readinessProbe, `${at}.readinessProbe`));
  causes.push(...validatePorts(c.ports, `${at}.ports`));
  causes.push(...validateEnv(c.env, `${at}.env`));
  const pull = c.imagePullPolicy;
  if (!pull) causes.push(requiredValue(`${at}.imagePullPolicy`));
  else if (!["Always", "IfNotPresent", "Never"].includes(pull)) {
    causes.push(
      unsupportedValue(`${at}.imagePullPolicy`, pull, ["Always", "IfNotPresent", "Never"]),
    );
  }
  causes.push(...validateResources(c.resources, `${at}.resources`));
  return causes;
}

/** Options of validateContainers. */
export interface ContainerRules {
  /** Init containers: may be empty, take no probes or lifecycle (unless sidecars). */
  init?: boolean;
  /** Names already taken by the pod's other containers. */
  taken?: ReadonlySet<string>;
}

/** validateContainers (and validateInitContainers) at `path`, e.g. `spec.containers`. */
export function validateContainers(
  containers: Container[] | undefined,
  path: string,
  rules: ContainerRules = {},
): StatusCause[] {
  if (!containers?.length) return rules.init ? [] : [requiredValue(path)];
  const causes: StatusCause[] = [];
  const names = new Set(rules.taken);
  const hostPorts = new Set<string>();
  containers.forEach((c, i) => {
    const at = `${path}[${i}]`;
    if (!c.name) causes.push(requiredValue(`${at}.name`));
    else causes.push(...invalidEach(`${at}.name`, c.name, dns1123LabelErrors(c.name)));
    if (names.has(c.name)) causes.push(duplicateValue(`${at}.name`, c.name));
    else names.add(c.name);
    causes.push(...validateContainer(c, at));
    const sidecar = (c as { restartPolicy?: string }).restartPolicy === "Always";
    if (rules.init && !sidecar) {
      for (
        const field of ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"] as const
      ) {
        if (c[field] !== undefined) {
          causes.push(
            invalidValue(`${at}.${field}`, c[field], "must not be set for init containers"),
          );
        }
      }
    }
    c.ports?.forEach((port, j) => {
      if (!port.hostPort) return;
      const key = `${port.protocol}/${port.hostIP ?? ""}/${port.hostPort}`;
      if (!rules.init && hostPorts.has(key)) {
        causes.push(duplicateValue(`${at}.ports[${j}].hostPort`, key));
      }
      hostPorts.add(key);
    });
  });
  return causes;
}
