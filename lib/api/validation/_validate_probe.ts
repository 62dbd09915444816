/**
 * Probe validation (validateProbe, validateHandler) and the port checks probes and services
 * share (ValidatePortNumOrName).
 *
 * @module
 */
import { invalidValue, requiredValue, type StatusCause, unsupportedValue } from "../errors.ts";
import type { IntOrString, Probe } from "../types.ts";
import { forbidden, invalidEach, nonNegative } from "./_field.ts";
import { httpHeaderNameErrors, portNameErrors, portNumberErrors } from "./_names.ts";

/** ValidatePortNumOrName: a number in 1-65535 or an IANA_SVC_NAME. */
export function validatePortNumOrName(port: IntOrString | undefined, path: string): StatusCause[] {
  if (typeof port === "string") return invalidEach(path, port, portNameErrors(port));
  return invalidEach(path, port ?? 0, portNumberErrors(port ?? 0));
}

function validateHandler(probe: Probe, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  let handlers = 0;
  const handler = (name: string, check: () => StatusCause[]) => {
    if (handlers++ > 0) {
      causes.push(forbidden(`${path}.${name}`, "may not specify more than 1 handler type"));
    } else causes.push(...check());
  };
  if (probe.exec) {
    handler(
      "exec",
      () => probe.exec?.command?.length ? [] : [requiredValue(`${path}.exec.command`)],
    );
  }
  const http = probe.httpGet;
  if (http) {
    handler("httpGet", () => [
      ...(http.path ? [] : [requiredValue(`${path}.httpGet.path`)]),
      ...validatePortNumOrName(http.port, `${path}.httpGet.port`),
      ...(http.scheme === "HTTP" || http.scheme === "HTTPS"
        ? []
        : [unsupportedValue(`${path}.httpGet.scheme`, http.scheme ?? "", ["HTTP", "HTTPS"])]),
      ...(http.httpHeaders ?? []).flatMap((h) =>
        invalidEach(`${path}.httpGet.httpHeaders`, h.name, httpHeaderNameErrors(h.name ?? ""))
      ),
    ]);
  }
  if (probe.tcpSocket) {
    handler(
      "tcpSocket",
      () => validatePortNumOrName(probe.tcpSocket?.port, `${path}.tcpSocket.port`),
    );
  }
  if (probe.grpc) {
    handler("grpc", () => validatePortNumOrName(probe.grpc?.port, `${path}.grpc.port`));
  }
  if (handlers === 0) causes.push(requiredValue(path, "must specify a handler type"));
  return causes;
}

/** validateProbe at `path`, e.g. `spec.containers[0].livenessProbe`. */
export function validateProbe(probe: Probe | undefined, path: string): StatusCause[] {
  if (!probe) return [];
  const causes = validateHandler(probe, path);
  for (
    const name of [
      "initialDelaySeconds",
      "timeoutSeconds",
      "periodSeconds",
      "successThreshold",
      "failureThreshold",
    ] as const
  ) {
    causes.push(...nonNegative(probe[name], `${path}.${name}`));
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (grace !== undefined && grace <= 0) {
    causes.push(
      invalidValue(`${path}.terminationGracePeriodSeconds`, grace, "must be greater than 0"),
    );
  }
  return causes;
}
