/**
 * Label selectors as Kubernetes reads and applies them: the text form of `labels.Parse`
 * (`app=web,env in (a,b),!canary`) and the object form of `metav1.LabelSelectorAsSelector`
 * (`matchLabels` + `matchExpressions`), both compiled to a list of requirements that must all hold.
 *
 * @module
 */

import { BadRequestError } from "./errors.ts";
import type { LabelSelector } from "./types.ts";
import { requirementError } from "./_label_syntax.ts";
import { parseRequirements } from "./_label_selector_parser.ts";

/** One requirement of a selector; a selector matches when all its requirements do. */
export interface LabelRequirement {
  /** Label key, e.g. `app` or `app.kubernetes.io/name`. */
  key: string;
  /** `=` (also written `==`), `!=`, `in`, `notin`, `exists` (bare key) or `!` (`!key`). */
  operator: "=" | "!=" | "in" | "notin" | "exists" | "!";
  /** One value for `=` and `!=`, one or more for `in` and `notin`, none otherwise. */
  values: string[];
}

/**
 * Parses selector text as `labels.Parse` does; the requirements come sorted by key. Empty text
 * selects everything. Throws BadRequestError with Kubernetes' message when malformed.
 *
 * @example
 * ```ts
 * import { matchesLabels, parseLabelSelector } from "./label_selector.ts";
 * const selector = parseLabelSelector("app=web,env in (prod,staging),!canary");
 * matchesLabels(selector, { app: "web", env: "prod" }); // true
 * ```
 */
export function parseLabelSelector(text: string): LabelRequirement[] {
  return parseRequirements(text);
}

const OPERATORS: Record<string, LabelRequirement["operator"]> = {
  In: "in",
  NotIn: "notin",
  Exists: "exists",
  DoesNotExist: "!",
};

/**
 * Compiles a LabelSelector object as `metav1.LabelSelectorAsSelector` does: matchLabels as `=`,
 * matchExpressions In/NotIn/Exists/DoesNotExist, sorted by key. `{}` selects everything.
 * Throws BadRequestError on an unknown operator or an invalid requirement.
 */
export function labelSelectorFromObject(selector: LabelSelector): LabelRequirement[] {
  const requirements: LabelRequirement[] = [];
  const matchLabels = selector.matchLabels ?? {};
  for (const key of Object.keys(matchLabels).sort()) {
    requirements.push(checked(key, "=", [matchLabels[key]]));
  }
  for (const expression of selector.matchExpressions ?? []) {
    const operator = OPERATORS[expression.operator];
    if (!operator) {
      throw new BadRequestError(
        `${JSON.stringify(expression.operator)} is not a valid label selector operator`,
      );
    }
    requirements.push(checked(expression.key, operator, expression.values));
  }
  return requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function checked(
  key: string,
  operator: LabelRequirement["operator"],
  values: string[] | undefined,
): LabelRequirement {
  // Kubernetes copies the values into a nil slice, so an empty list prints as `[]string(nil)`.
  const problem = requirementError(key, operator, values?.length ? values : undefined);
  if (problem) throw new BadRequestError(problem);
  return { key, operator, values: [...(values ?? [])] };
}

/** The requirements of a Service-style selector: every label must be equal. Not validated. */
export function selectorFromSet(labels: Record<string, string>): LabelRequirement[] {
  return Object.keys(labels).sort().map((key) => ({ key, operator: "=", values: [labels[key]] }));
}

/**
 * Whether labels satisfy every requirement. As in Kubernetes, `!=` and `notin` also match when
 * the key is absent; no requirements match everything.
 */
export function matchesLabels(
  requirements: LabelRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const set = labels ?? {};
  return requirements.every(({ key, operator, values }) => {
    const present = Object.hasOwn(set, key);
    switch (operator) {
      case "=":
      case "in":
        return present && values.includes(set[key]);
      case "!=":
      case "notin":
        return !present || !values.includes(set[key]);
      case "exists":
        return present;
      case "!":
        return !present;
    }
  });
}

/**
 * The text form kubectl shows, e.g. `app=web,env in (a,b)`; values of a set are sorted. Object
 * selectors are compiled first (so sorted by key) and print `<error>` when invalid, as
 * `metav1.FormatLabelSelector` does. A selector that selects everything is the empty string
 * (kubectl's tables show it as `<none>`), so the result always parses back.
 */
export function formatLabelSelector(selector: LabelSelector | LabelRequirement[]): string {
  let requirements: LabelRequirement[];
  try {
    requirements = Array.isArray(selector) ? selector : labelSelectorFromObject(selector);
  } catch (error) {
    if (error instanceof BadRequestError) return "<error>";
    throw error;
  }
  return requirements.map(formatRequirement).join(",");
}

function formatRequirement({ key, operator, values }: LabelRequirement): string {
  switch (operator) {
    case "exists":
      return key;
    case "!":
      return `!${key}`;
    case "=":
    case "!=":
      return `${key}${operator}${values[0] ?? ""}`;
    case "in":
    case "notin":
      return `${key} ${operator} (${[...values].sort().join(",")})`;
  }
}

/** Kubernetes' checks of a label key and a label value: the problems found, empty when valid. */
export { labelKeyErrors, labelValueErrors } from "./_label_syntax.ts";
