/**
 * InterPodAffinity, filter side: the pod's required affinity (every term needs a matching pod
 * in the node's domain of the term's topologyKey), its required anti-affinity (no matching pod
 * there), and the required anti-affinity of pods already running (the pod may not enter a domain
 * whose pods keep away from it). Counts per domain are made once per attempt; the score side
 * lives in _inter_pod_affinity_score.ts.
 *
 * @module
 */
import { termMatches } from "../_affinity_terms.ts";
import type { NodeInfoCache } from "../node_info_cache.ts";
import { SKIP, unschedulable } from "../status.ts";
import type { AffinityTerm, NodeInfo, Plugin, PluginStatus, PodInfo } from "../types.ts";
import {
  interPodAffinityNormalize,
  interPodAffinityPreScore,
  interPodAffinityScore,
  type InterPodAffinityScoreState,
} from "./_inter_pod_affinity_score.ts";
import { addToDomain, domainCount, type TopologyCounts } from "./_topology_counts.ts";

/** kube-scheduler's reason when the pod's required pod affinity is not met. */
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
/** kube-scheduler's reason when the pod's required pod anti-affinity is violated. */
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
/** kube-scheduler's reason when running pods' required anti-affinity keeps the pod out. */
export const ERR_REASON_EXISTING_ANTI_AFFINITY =
  "node(s) didn't satisfy existing pods anti-affinity rules";

const AFFINITY_FAILED: PluginStatus = unschedulable(
  "InterPodAffinity",
  [ERR_REASON_AFFINITY],
  "UnschedulableAndUnresolvable",
);
const ANTI_AFFINITY_FAILED: PluginStatus = unschedulable("InterPodAffinity", [
  ERR_REASON_ANTI_AFFINITY,
]);
const EXISTING_FAILED: PluginStatus = unschedulable("InterPodAffinity", [
  ERR_REASON_EXISTING_ANTI_AFFINITY,
]);

/** The per-attempt counts the filter reads. */
export interface InterPodAffinityFilterState {
  /** The pod being placed. */
  pod: PodInfo;
  /** Its required affinity terms. */
  required: readonly AffinityTerm[];
  /** Its required anti-affinity terms. */
  requiredAnti: readonly AffinityTerm[];
  /** Domains with pods matching all of the pod's required affinity terms. */
  affinity: TopologyCounts;
  /** Domains with pods matching one of the pod's required anti-affinity terms. */
  antiAffinity: TopologyCounts;
  /** Domains whose pods' required anti-affinity matches the pod. */
  existing: TopologyCounts;
  /** Whether the pod matches all its own required affinity terms. */
  selfAffine: boolean;
}

function matchesAll(terms: readonly AffinityTerm[], pod: PodInfo, cache: NodeInfoCache): boolean {
  const nsLabels = cache.namespaceLabels(pod.namespace);
  return terms.length > 0 &&
    terms.every((t) => termMatches(t, pod.namespace, pod.labels, nsLabels));
}

function preFilter(pod: PodInfo, cache: NodeInfoCache): InterPodAffinityFilterState | typeof SKIP {
  const required = pod.affinity?.required ?? [];
  const requiredAnti = pod.affinity?.requiredAnti ?? [];
  const existing: TopologyCounts = new Map();
  const nsLabels = cache.namespaceLabels(pod.namespace);
  for (const node of cache.nodesWithRequiredAntiAffinityPods()) {
    for (const other of node.podsWithRequiredAntiAffinity) {
      for (const term of other.affinity!.requiredAnti) {
        if (termMatches(term, pod.namespace, pod.labels, nsLabels)) {
          addToDomain(existing, term.topologyKey, node.labels, 1);
        }
      }
    }
  }
  if (existing.size === 0 && required.length === 0 && requiredAnti.length === 0) return SKIP;
  const affinity: TopologyCounts = new Map();
  const antiAffinity: TopologyCounts = new Map();
  if (required.length > 0 || requiredAnti.length > 0) {
    for (const node of cache.nodeInfos()) {
      for (const other of node.pods.values()) {
        if (matchesAll(required, other, cache)) {
          for (const term of required) addToDomain(affinity, term.topologyKey, node.labels, 1);
        }
        const otherNsLabels = cache.namespaceLabels(other.namespace);
        for (const term of requiredAnti) {
          if (termMatches(term, other.namespace, other.labels, otherNsLabels)) {
            addToDomain(antiAffinity, term.topologyKey, node.labels, 1);
          }
        }
      }
    }
  }
  const selfAffine = matchesAll(required, pod, cache);
  return { pod, required, requiredAnti, affinity, antiAffinity, existing, selfAffine };
}

function satisfiesAffinity(state: InterPodAffinityFilterState, node: NodeInfo): boolean {
  let podsExist = true;
  for (const term of state.required) {
    if (!Object.hasOwn(node.labels, term.topologyKey)) return false;
    if (domainCount(state.affinity, term.topologyKey, node.labels) <= 0) podsExist = false;
  }
  // The first of a group of pods with affinity to each other may go anywhere its terms allow.
  return podsExist || (state.affinity.size === 0 && state.selfAffine);
}

function violatesAnti(
  counts: TopologyCounts,
  terms: readonly AffinityTerm[],
  node: NodeInfo,
): boolean {
  for (const term of terms) if (domainCount(counts, term.topologyKey, node.labels) > 0) return true;
  return false;
}

function violatesExisting(existing: TopologyCounts, node: NodeInfo): boolean {
  for (const key of existing.keys()) if (domainCount(existing, key, node.labels) > 0) return true;
  return false;
}

const plugin: Plugin<InterPodAffinityFilterState, InterPodAffinityScoreState> = {
  name: "InterPodAffinity",
  preFilter,
  filter(state, node) {
    if (!satisfiesAffinity(state, node)) return AFFINITY_FAILED;
    if (violatesAnti(state.antiAffinity, state.requiredAnti, node)) return ANTI_AFFINITY_FAILED;
    if (state.existing.size > 0 && violatesExisting(state.existing, node)) return EXISTING_FAILED;
    return undefined;
  },
  preScore: interPodAffinityPreScore,
  score: interPodAffinityScore,
  normalize: (_, scores) => interPodAffinityNormalize(scores),
};

/** The InterPodAffinity filter and score (its states are its own business). */
export const interPodAffinity: Plugin<unknown, unknown> = plugin;
