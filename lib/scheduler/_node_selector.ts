/**
 * Node selector terms compiled once per pod, matched as component-helpers' nodeaffinity does:
 * requirements of a term are ANDed, terms are ORed; an empty or malformed term matches nothing;
 * Gt and Lt compare the label's value with the one given, both as 64-bit integers; matchFields
 * knows `metadata.name` with In or NotIn and one value.
 *
 * @module
 */
import type { NodeSelectorRequirement, NodeSelectorTerm } from "../api/types.ts";
import { parseInt64 } from "./_int64.ts";

/** A compiled term: true when a node's labels and name satisfy it. */
export type NodeTermMatcher = (labels: Readonly<Record<string, string>>, name: string) => boolean;

type Check = (labels: Readonly<Record<string, string>>, name: string) => boolean;

function labelCheck(r: NodeSelectorRequirement): Check | undefined {
  const { key } = r;
  const values = r.values ?? [];
  switch (r.operator) {
    case "In":
    case "NotIn": {
      if (values.length === 0) return undefined;
      const set = new Set(values);
      return r.operator === "In"
        ? (labels) => Object.hasOwn(labels, key) && set.has(labels[key])
        : (labels) => !Object.hasOwn(labels, key) || !set.has(labels[key]);
    }
    case "Exists":
      return values.length === 0 ? (labels) => Object.hasOwn(labels, key) : undefined;
    case "DoesNotExist":
      return values.length === 0 ? (labels) => !Object.hasOwn(labels, key) : undefined;
    case "Gt":
    case "Lt": {
      const limit = values.length === 1 ? parseInt64(values[0]) : undefined;
      if (limit === undefined) return undefined;
      const gt = r.operator === "Gt";
      return (labels) => {
        const value = Object.hasOwn(labels, key) ? parseInt64(labels[key]) : undefined;
        return value !== undefined && (gt ? value > limit : value < limit);
      };
    }
    default:
      return undefined;
  }
}

function fieldCheck(r: NodeSelectorRequirement): Check | undefined {
  const values = r.values ?? [];
  if (r.key !== "metadata.name" || values.length !== 1) return undefined;
  const [wanted] = values;
  if (r.operator === "In") return (_, name) => name === wanted;
  if (r.operator === "NotIn") return (_, name) => name !== wanted;
  return undefined;
}

/** Compiles one term; undefined when it can never match (empty or malformed). */
export function compileNodeSelectorTerm(term: NodeSelectorTerm): NodeTermMatcher | undefined {
  const checks: Check[] = [];
  for (const r of term.matchExpressions ?? []) {
    const check = labelCheck(r);
    if (!check) return undefined;
    checks.push(check);
  }
  for (const r of term.matchFields ?? []) {
    const check = fieldCheck(r);
    if (!check) return undefined;
    checks.push(check);
  }
  if (checks.length === 0) return undefined;
  return (labels, name) => checks.every((check) => check(labels, name));
}

/** Whether labels carry every key=value of a nodeSelector. */
export function matchesNodeSelector(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
): boolean {
  for (const key in selector) {
    if (!Object.hasOwn(labels, key) || labels[key] !== selector[key]) return false;
  }
  return true;
}
