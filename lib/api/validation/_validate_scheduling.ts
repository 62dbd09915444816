/**
 * Scheduling constraints of a pod spec: node selector terms, node and pod affinity, and
 * tolerations, validated as pkg/apis/core/validation does.
 *
 * @module
 */
import { invalidValue, requiredValue, type StatusCause, unsupportedValue } from "../errors.ts";
import type { Affinity, NodeSelectorTerm, PodAffinityTerm, Toleration } from "../types.ts";
import { forbidden, invalidEach } from "./_field.ts";
import { dns1123LabelErrors, labelValueErrors, qualifiedNameErrors } from "./_names.ts";
import { validateLabelSelector } from "./_validate_meta.ts";

const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

function validateTerm(term: NodeSelectorTerm | undefined, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  term?.matchExpressions?.forEach((req, j) => {
    const at = `${path}.matchExpressions[${j}]`;
    const count = req.values?.length ?? 0;
    switch (req.operator) {
      case "In":
      case "NotIn":
        if (count === 0) {
          causes.push(
            requiredValue(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"),
          );
        }
        break;
      case "Exists":
      case "DoesNotExist":
        if (count > 0) {
          causes.push(forbidden(
            `${at}.values`,
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ));
        }
        break;
      case "Gt":
      case "Lt":
        if (count !== 1) {
          causes.push(requiredValue(
            `${at}.values`,
            "must be specified single value when `operator` is 'Lt' or 'Gt'",
          ));
        } else if (!/^[+-]?\d+$/.test(req.values![0])) {
          causes.push(invalidValue(`${at}.values[0]`, req.values![0], "must be an integer"));
        }
        break;
      default:
        causes.push(invalidValue(`${at}.operator`, req.operator, "not a valid selector operator"));
    }
    causes.push(...invalidEach(`${at}.key`, req.key, qualifiedNameErrors(req.key ?? "")));
  });
  term?.matchFields?.forEach((req, j) => {
    const at = `${path}.matchFields[${j}]`;
    if (req.operator !== "In" && req.operator !== "NotIn") {
      causes.push(invalidValue(`${at}.operator`, req.operator, "not a valid selector operator"));
    } else if (req.values?.length !== 1) {
      causes.push(requiredValue(
        `${at}.values`,
        "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
      ));
    }
    if (req.key !== "metadata.name") {
      causes.push(invalidValue(`${at}.key`, req.key, "not a valid field selector key"));
    }
  });
  return causes;
}

function validateWeight(weight: number | undefined, path: string): StatusCause[] {
  return weight !== undefined && weight >= 1 && weight <= 100
    ? []
    : [invalidValue(path, weight ?? 0, "must be in the range 1-100")];
}

function validatePodAffinityTerm(term: PodAffinityTerm, path: string): StatusCause[] {
  const causes = [
    ...validateLabelSelector(term.labelSelector, `${path}.labelSelector`),
    ...validateLabelSelector(term.namespaceSelector, `${path}.namespaceSelector`),
  ];
  for (const name of term.namespaces ?? []) {
    causes.push(...invalidEach(`${path}.namespace`, name, dns1123LabelErrors(name)));
  }
  if (!term.topologyKey) causes.push(requiredValue(`${path}.topologyKey`, "can not be empty"));
  causes.push(
    ...invalidEach(
      `${path}.topologyKey`,
      term.topologyKey,
      qualifiedNameErrors(term.topologyKey ?? ""),
    ),
  );
  return causes;
}

/** validateAffinity at `path` (`spec.affinity`). */
export function validateAffinity(affinity: Affinity | undefined, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const node = affinity?.nodeAffinity;
  const required = node?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) {
    const at =
      `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
    if (!required.nodeSelectorTerms?.length) {
      causes.push(requiredValue(at, "must have at least one node selector term"));
    }
    required.nodeSelectorTerms?.forEach((term, i) =>
      causes.push(...validateTerm(term, `${at}[${i}]`))
    );
  }
  node?.preferredDuringSchedulingIgnoredDuringExecution?.forEach((term, i) => {
    const at = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    causes.push(...validateWeight(term.weight, `${at}.weight`));
    causes.push(...validateTerm(term.preference, `${at}.preference`));
  });
  for (const kind of ["podAffinity", "podAntiAffinity"] as const) {
    const rules = affinity?.[kind];
    const base = `${path}.${kind}`;
    rules?.requiredDuringSchedulingIgnoredDuringExecution?.forEach((term, i) =>
      causes.push(
        ...validatePodAffinityTerm(
          term,
          `${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`,
        ),
      )
    );
    rules?.preferredDuringSchedulingIgnoredDuringExecution?.forEach((weighted, i) => {
      const at = `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      causes.push(...validateWeight(weighted.weight, `${at}.weight`));
      causes.push(
        ...validatePodAffinityTerm(
          weighted.podAffinityTerm ?? {} as PodAffinityTerm,
          `${at}.podAffinityTerm`,
        ),
      );
    });
  }
  return causes;
}

/** ValidateTolerations at `path` (`spec.tolerations`), with the numeric Gt and Lt operators. */
export function validateTolerations(
  tolerations: Toleration[] | undefined,
  path: string,
): StatusCause[] {
  const causes: StatusCause[] = [];
  tolerations?.forEach((t, i) => {
    const at = `${path}[${i}]`;
    if (t.key) causes.push(...invalidEach(`${at}.key`, t.key, qualifiedNameErrors(t.key)));
    if (!t.key && t.operator !== "Exists") {
      causes.push(invalidValue(
        `${at}.operator`,
        t.operator ?? "",
        'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      ));
    }
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") {
      causes.push(invalidValue(
        `${at}.effect`,
        t.effect ?? "",
        "effect must be 'NoExecute' when `tolerationSeconds` is set",
      ));
    }
    const value = t.value ?? "";
    switch (t.operator ?? "") {
      case "":
      case "Equal":
        if (labelValueErrors(value).length) {
          causes.push(invalidValue(`${at}.operator`, value, labelValueErrors(value).join(";")));
        }
        break;
      case "Exists":
        if (value) {
          causes.push(
            invalidValue(`${at}.operator`, t, "value must be empty when `operator` is 'Exists'"),
          );
        }
        break;
      case "Gt":
      case "Lt":
        if (!/^[+-]?\d+$/.test(value)) {
          causes.push(
            invalidValue(
              `${at}.value`,
              value,
              "value must be a valid integer for numeric operators",
            ),
          );
        }
        break;
      default:
        causes.push(
          unsupportedValue(`${at}.operator`, t.operator, ["Equal", "Exists", "Gt", "Lt"]),
        );
    }
    if (t.effect && !EFFECTS.includes(t.effect)) {
      causes.push(unsupportedValue(`${at}.effect`, t.effect, EFFECTS));
    }
  });
  return causes;
}
