/**
 * ValidatePodSpec, ValidatePodTemplateSpec and Pod validation (create).
 *
 * @module
 */
import { invalidValue, requiredValue, type StatusCause, unsupportedValue } from "../errors.ts";
import type { Pod, PodSpec, PodTemplateSpec } from "../types.ts";
import { invalidEach, nonNegative } from "./_field.ts";
import { dns1123LabelErrors, dns1123SubdomainErrors } from "./_names.ts";
import { validateContainers } from "./_validate_container.ts";
import { validateAnnotations, validateLabels, validateObjectMeta } from "./_validate_meta.ts";
import { validateAffinity, validateTolerations } from "./_validate_scheduling.ts";

const RESTART_POLICIES = ["Always", "OnFailure", "Never"];
const DNS_POLICIES = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"];

function oneOf(value: string | undefined, supported: string[], path: string): StatusCause[] {
  if (!value) return [requiredValue(path)];
  return supported.includes(value) ? [] : [unsupportedValue(path, value, supported)];
}

/** ValidatePodSpec at `path` (`spec`, or `spec.template.spec` in workloads). */
export function validatePodSpec(spec: PodSpec | undefined, path: string): StatusCause[] {
  const s = spec ?? ({} as PodSpec);
  const causes = validateContainers(s.containers, `${path}.containers`);
  causes.push(...validateContainers(s.initContainers, `${path}.initContainers`, {
    init: true,
    taken: new Set((s.containers ?? []).map((c) => c.name)),
  }));
  causes.push(...oneOf(s.restartPolicy, RESTART_POLICIES, `${path}.restartPolicy`));
  causes.push(...oneOf(s.dnsPolicy, DNS_POLICIES, `${path}.dnsPolicy`));
  causes.push(...validateLabels(s.nodeSelector, `${path}.nodeSelector`));
  causes.push(...validateAffinity(s.affinity, `${path}.affinity`));
  for (const field of ["serviceAccountName", "nodeName"] as const) {
    const value = s[field];
    if (value) {
      causes.push(...invalidEach(`${path}.${field}`, value, dns1123SubdomainErrors(value)));
    }
  }
  const deadline = s.activeDeadlineSeconds;
  if (deadline !== undefined && (deadline < 1 || deadline > 2147483647)) {
    causes.push(invalidValue(
      `${path}.activeDeadlineSeconds`,
      deadline,
      "must be between 1 and 2147483647, inclusive",
    ));
  }
  for (const field of ["hostname", "subdomain"] as const) {
    const value = s[field];
    if (value) causes.push(...invalidEach(`${path}.${field}`, value, dns1123LabelErrors(value)));
  }
  causes.push(...validateTolerations(s.tolerations, `${path}.tolerations`));
  causes.push(
    ...nonNegative(s.terminationGracePeriodSeconds, `${path}.terminationGracePeriodSeconds`),
  );
  return causes;
}

/** ValidatePodTemplateSpec at `path` (`spec.template`); labels are reported at `<path>.labels`. */
export function validatePodTemplateSpec(
  template: PodTemplateSpec | undefined,
  path: string,
): StatusCause[] {
  return [
    ...validateLabels(template?.metadata?.labels, `${path}.labels`),
    ...validateAnnotations(template?.metadata?.annotations, `${path}.annotations`),
    ...validatePodSpec(template?.spec, `${path}.spec`),
  ];
}

/** The causes that make a Pod invalid on create. */
export function validatePod(pod: Pod): StatusCause[] {
  return [
    ...validateObjectMeta(pod.metadata, { namespaced: true, nameErrors: dns1123SubdomainErrors }),
    ...validatePodSpec(pod.spec, "spec"),
  ];
}
