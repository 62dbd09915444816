/**
 * ReplicaSet and Deployment validation (apps/v1), as pkg/apis/apps/validation does it.
 *
 * @module
 */
import { invalidValue, requiredValue, type StatusCause, unsupportedValue } from "../errors.ts";
import { labelSelectorFromObject, matchesLabels } from "../label_selector.ts";
import type { Deployment, IntOrString, ReplicaSet, ReplicaSetSpec } from "../types.ts";
import { forbidden, invalidEach, nonNegative } from "./_field.ts";
import { dns1123SubdomainErrors, percentErrors } from "./_names.ts";
import { validateLabelSelector, validateObjectMeta } from "./_validate_meta.ts";
import { validatePodTemplateSpec } from "./_validate_pod.ts";

const META = { namespaced: true, nameErrors: dns1123SubdomainErrors };

/** Replicas, selector and template: what ReplicaSet and Deployment specs share. */
function validateReplicatedSpec(spec: Partial<ReplicaSetSpec> | undefined): StatusCause[] {
  const causes = [
    ...nonNegative(spec?.replicas, "spec.replicas"),
    ...nonNegative(spec?.minReadySeconds, "spec.minReadySeconds"),
  ];
  const selector = spec?.selector;
  if (!selector) causes.push(requiredValue("spec.selector"));
  else {
    causes.push(...validateLabelSelector(selector, "spec.selector"));
    const size = Object.keys(selector.matchLabels ?? {}).length +
      (selector.matchExpressions?.length ?? 0);
    if (size === 0) {
      causes.push(
        invalidValue("spec.selector", selector, "empty selector is invalid for deployment"),
      );
    }
  }
  const template = spec?.template;
  let requirements;
  try {
    requirements = labelSelectorFromObject(selector ?? {});
  } catch {
    causes.push(invalidValue("spec.selector", selector, "invalid label selector"));
    return causes;
  }
  const labels = template?.metadata?.labels;
  if (requirements.length > 0 && !matchesLabels(requirements, labels)) {
    causes.push(invalidValue(
      "spec.template.metadata.labels",
      labels ?? {},
      "`selector` does not match template `labels`",
    ));
  }
  causes.push(...validatePodTemplateSpec(template, "spec.template"));
  const restartPolicy = template?.spec?.restartPolicy;
  if (restartPolicy !== "Always") {
    causes.push(
      unsupportedValue("spec.template.spec.restartPolicy", restartPolicy ?? "", ["Always"]),
    );
  }
  if (template?.spec?.activeDeadlineSeconds !== undefined) {
    causes.push(forbidden(
      "spec.template.spec.activeDeadlineSeconds",
      "activeDeadlineSeconds in ReplicaSet is not Supported",
    ));
  }
  return causes;
}

/** The causes that make a ReplicaSet invalid. */
export function validateReplicaSet(rs: ReplicaSet): StatusCause[] {
  return [...validateObjectMeta(rs.metadata, META), ...validateReplicatedSpec(rs.spec)];
}

/** getIntOrPercentValue: the number of a count or a percent; anything else is 0. */
function intOrPercentValue(value: IntOrString | undefined): number {
  if (typeof value === "number") return value;
  const match = /^(\d+)%$/.exec(value ?? "") ?? /^(-?\d+)$/.exec(value ?? "");
  return match ? Number(match[1]) : 0;
}

function validateIntOrPercent(value: IntOrString | undefined, path: string): StatusCause[] {
  if (typeof value === "string") return invalidEach(path, value, percentErrors(value));
  return nonNegative(value, path);
}

function validateStrategy(d: Deployment): StatusCause[] {
  const strategy = d.spec?.strategy ?? {};
  const rolling = strategy.rollingUpdate;
  switch (strategy.type) {
    case "Recreate":
      return rolling
        ? [forbidden(
          "spec.strategy.rollingUpdate",
          "may not be specified when strategy `type` is 'Recreate'",
        )]
        : [];
    case "RollingUpdate": {
      const path = "spec.strategy.rollingUpdate";
      if (!rolling) return [requiredValue(path, "this should be defaulted and never be nil")];
      const causes = [
        ...validateIntOrPercent(rolling.maxUnavailable, `${path}.maxUnavailable`),
        ...validateIntOrPercent(rolling.maxSurge, `${path}.maxSurge`),
      ];
      if (
        intOrPercentValue(rolling.maxUnavailable) === 0 && intOrPercentValue(rolling.maxSurge) === 0
      ) {
        causes.push(invalidValue(
          `${path}.maxUnavailable`,
          rolling.maxUnavailable ?? 0,
          "may not be 0 when `maxSurge` is 0",
        ));
      }
      const unavailable = rolling.maxUnavailable;
      if (
        typeof unavailable === "string" && /^\d+%$/.test(unavailable) && parseInt(unavailable) > 100
      ) {
        causes.push(
          invalidValue(`${path}.maxUnavailable`, unavailable, "must not be greater than 100%"),
        );
      }
      return causes;
    }
    default:
      return [unsupportedValue("spec.strategy", strategy, ["Recreate", "RollingUpdate"])];
  }
}

/** The causes that make a Deployment invalid. */
export function validateDeployment(d: Deployment): StatusCause[] {
  const spec = d.spec;
  const causes = [
    ...validateObjectMeta(d.metadata, META),
    ...validateReplicatedSpec(spec),
    ...validateStrategy(d),
    ...nonNegative(spec?.revisionHistoryLimit, "spec.revisionHistoryLimit"),
  ];
  const deadline = spec?.progressDeadlineSeconds;
  if (deadline !== undefined) {
    causes.push(...nonNegative(deadline, "spec.progressDeadlineSeconds"));
    if (deadline <= (spec?.minReadySeconds ?? 0)) {
      causes.push(invalidValue(
        "spec.progressDeadlineSeconds",
        deadline,
        "must be greater than minReadySeconds",
      ));
    }
  }
  return causes;
}
