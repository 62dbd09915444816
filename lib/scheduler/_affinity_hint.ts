/**
 * kube-scheduler's queueing hint for the InterPodAffinity plugin, as a pure function: whether a
 * pod bound or relabelled may let a pod that waits on pod (anti-)affinity fit now.
 *
 * @module
 */
import { termMatches } from "./_affinity_terms.ts";
import type { AffinityTerm, PodAffinityInfo } from "./types.ts";

/** A pod that changed: its namespace and its labels before and after. */
export interface ChangedPod {
  namespace: string;
  labels: Readonly<Record<string, string>>;
  oldLabels?: Readonly<Record<string, string>>;
}

function touches(term: AffinityTerm, pod: ChangedPod): boolean {
  // A namespace selector needs the namespace's labels: assume it may match.
  if (term.namespaceSelector !== null && term.selector !== null) return true;
  return termMatches(term, pod.namespace, pod.labels, undefined) ||
    (pod.oldLabels !== undefined && termMatches(term, pod.namespace, pod.oldLabels, undefined));
}

/**
 * True when `changed` matches one of the waiting pod's required terms with its labels before or
 * after the change: a pod that may now satisfy its affinity, or no longer stand in the way of its
 * anti-affinity. A pod that matches no term cannot change where the waiting pod fits.
 */
export function mayUnblock(waiting: PodAffinityInfo, changed: ChangedPod): boolean {
  return [...waiting.required, ...waiting.requiredAnti].some((term) => touches(term, changed));
}
