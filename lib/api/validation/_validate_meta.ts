/**
 * ObjectMeta, labels, annotations and label selectors, validated as apimachinery does.
 *
 * @module
 */
import { invalidValue, requiredValue, type StatusCause } from "../errors.ts";
import type { LabelSelector, ObjectMeta } from "../types.ts";
import { child, forbidden, invalidEach, nonNegative, tooLong } from "./_field.ts";
import { asPrefix, dns1123LabelErrors, labelValueErrors, qualifiedNameErrors } from "./_names.ts";

/** How a kind's metadata is checked. */
export interface MetaRules {
  /** Whether objects of the kind live in a namespace. */
  namespaced: boolean;
  /** The name rule of the kind (DNS-1123 subdomain for most). */
  nameErrors: (name: string) => string[];
}

const ANNOTATIONS_MAX = 256 * 1024;

/** ValidateObjectMeta (create): name or generateName, namespace, labels, annotations, owners. */
export function validateObjectMeta(
  metadata: ObjectMeta | undefined,
  rules: MetaRules,
): StatusCause[] {
  const meta = metadata ?? {};
  const causes: StatusCause[] = [];
  if (meta.generateName) {
    causes.push(
      ...invalidEach(
        "metadata.generateName",
        meta.generateName,
        asPrefix(rules.nameErrors)(meta.generateName),
      ),
    );
  }
  if (meta.name) {
    causes.push(...invalidEach("metadata.name", meta.name, rules.nameErrors(meta.name)));
  } else if (!meta.generateName) {
    causes.push(requiredValue("metadata.name", "name or generateName is required"));
  }
  if (rules.namespaced) {
    if (!meta.namespace) causes.push(requiredValue("metadata.namespace"));
    else {
      causes.push(
        ...invalidEach("metadata.namespace", meta.namespace, dns1123LabelErrors(meta.namespace)),
      );
    }
  } else if (meta.namespace) {
    causes.push(forbidden("metadata.namespace", "not allowed on this type"));
  }
  causes.push(...nonNegative(meta.generation, "metadata.generation"));
  causes.push(...validateLabels(meta.labels, "metadata.labels"));
  causes.push(...validateAnnotations(meta.annotations, "metadata.annotations"));
  meta.ownerReferences?.forEach((ref) => {
    const path = "metadata.ownerReferences";
    if (!ref.apiVersion) {
      causes.push(invalidValue(`${path}.apiVersion`, "", "version must not be empty"));
    }
    if (!ref.kind) causes.push(invalidValue(`${path}.kind`, "", "must not be empty"));
    if (!ref.name) causes.push(invalidValue(`${path}.name`, "", "must not be empty"));
    if (!ref.uid) causes.push(invalidValue(`${path}.uid`, "", "must not be empty"));
  });
  for (const finalizer of meta.finalizers ?? []) {
    causes.push(...invalidEach("metadata.finalizers", finalizer, qualifiedNameErrors(finalizer)));
  }
  return causes;
}

/** ValidateLabels: keys are qualified names, values label values; both reported at `path`. */
export function validateLabels(
  labels: Record<string, string> | undefined,
  path: string,
): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    causes.push(...invalidEach(path, key, qualifiedNameErrors(key)));
    causes.push(...invalidEach(path, value, labelValueErrors(value)));
  }
  return causes;
}

/** ValidateAnnotations: keys are qualified names (case-insensitive), 256 KiB in total. */
export function validateAnnotations(
  annotations: Record<string, string> | undefined,
  path: string,
): StatusCause[] {
  const causes: StatusCause[] = [];
  let total = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    causes.push(...invalidEach(path, key, qualifiedNameErrors(key.toLowerCase())));
    total += new TextEncoder().encode(key + value).length;
  }
  if (total > ANNOTATIONS_MAX) causes.push(tooLong(path, ANNOTATIONS_MAX));
  return causes;
}

/** ValidateLabelSelector, strict about values (as for workload selectors). */
export function validateLabelSelector(
  selector: LabelSelector | undefined,
  path: string,
): StatusCause[] {
  const causes: StatusCause[] = [];
  selector?.matchExpressions?.forEach((expr, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const values = expr.values ?? [];
    switch (expr.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) {
          causes.push(requiredValue(
            `${at}.values`,
            "must be specified when `operator` is 'In' or 'NotIn'",
          ));
        }
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) {
          causes.push(forbidden(
            `${at}.values`,
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ));
        }
        break;
      default:
        causes.push(invalidValue(`${at}.operator`, expr.operator, "not a valid selector operator"));
    }
    causes.push(...invalidEach(`${at}.key`, expr.key, qualifiedNameErrors(expr.key ?? "")));
    values.forEach((v, j) =>
      causes.push(...invalidEach(`${at}.values[${j}]`, v, labelValueErrors(v)))
    );
  });
  causes.push(...validateLabels(selector?.matchLabels, child(path, "matchLabels")));
  return causes;
}
