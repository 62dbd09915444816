/**
 * Pod (anti-)affinity terms compiled once per pod, and matched as framework.AffinityTerm
 * matches: the pod's namespace is listed or selected, then its labels match the selector.
 *
 * @module
 */
import {
  type LabelRequirement,
  labelSelectorFromObject,
  matchesLabels,
} from "../api/label_selector.ts";
import type { LabelSelector, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from "../api/types.ts";
import type { AffinityTerm, PodAffinityInfo, WeightedAffinityTerm } from "./types.ts";

function selectorOf(selector: LabelSelector | undefined): LabelRequirement[] | null {
  if (!selector) return null; // Kubernetes: a nil selector selects nothing.
  try {
    return labelSelectorFromObject(selector);
  } catch {
    return null; // Validation rejects bad selectors; one that slips through selects nothing.
  }
}

function compile(namespace: string, term: PodAffinityTerm): AffinityTerm {
  const listed = term.namespaces ?? [];
  return {
    // Neither a list nor a selector means the pod's own namespace.
    namespaces: new Set(listed.length === 0 && !term.namespaceSelector ? [namespace] : listed),
    namespaceSelector: selectorOf(term.namespaceSelector),
    selector: selectorOf(term.labelSelector),
    topologyKey: term.topologyKey,
  };
}

function weighted(
  namespace: string,
  terms: WeightedPodAffinityTerm[] | undefined,
): WeightedAffinityTerm[] {
  return (terms ?? []).map((t) => ({ ...compile(namespace, t.podAffinityTerm), weight: t.weight }));
}

/** The compiled pod (anti-)affinity of a pod; undefined when it has none. */
export function podAffinityOf(pod: Pod, namespace: string): PodAffinityInfo | undefined {
  const affinity = pod.spec?.affinity;
  const near = affinity?.podAffinity;
  const away = affinity?.podAntiAffinity;
  if (!near && !away) return undefined;
  return {
    required: (near?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
      compile(namespace, t)
    ),
    requiredAnti: (away?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
      compile(namespace, t)
    ),
    preferred: weighted(namespace, near?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAnti: weighted(namespace, away?.preferredDuringSchedulingIgnoredDuringExecution),
  };
}

/** Whether a pod (its namespace, labels, and its namespace's labels) matches the term. */
export function termMatches(
  term: AffinityTerm,
  namespace: string,
  labels: Readonly<Record<string, string>>,
  namespaceLabels: Readonly<Record<string, string>> | undefined,
): boolean {
  if (term.selector === null) return false;
  const inNamespace = term.namespaces.has(namespace) ||
    (term.namespaceSelector !== null &&
      matchesLabels(term.namespaceSelector as LabelRequirement[], namespaceLabels));
  return inNamespace && matchesLabels(term.selector as LabelRequirement[], labels);
}
