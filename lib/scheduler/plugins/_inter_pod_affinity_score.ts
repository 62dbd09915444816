/**
 * InterPodAffinity, score side, as Kubernetes scores: each domain (topology key and value) sums
 * the weights of the incoming pod's preferred terms that running pods there match (anti-affinity
 * subtracts), plus, for running pods, their preferred terms (and required affinity terms, with
 * weight 1) that the incoming pod matches. A node scores the sum over its domains; scores are
 * then scaled min..max onto 0..100. Without preferred terms on the incoming pod only pods with
 * affinity are visited, and the plugin skips when no domain got anything.
 *
 * @module
 */
import { termMatches } from "../_affinity_terms.ts";
import type { NodeInfoCache } from "../node_info_cache.ts";
import { MAX_NODE_SCORE } from "../normalize_score.ts";
import { SKIP, type Skip } from "../status.ts";
import type { NodeInfo, PodInfo, WeightedAffinityTerm } from "../types.ts";
import { addToDomain, domainCount, type TopologyCounts } from "./_topology_counts.ts";

/** Kubernetes' hardPodAffinityWeight default: what a running pod's required affinity adds. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

/** The per-attempt domain scores. */
export interface InterPodAffinityScoreState {
  /** topologyKey → value → summed weight. */
  topologyScore: TopologyCounts;
}

function addTerms(
  scores: TopologyCounts,
  terms: readonly WeightedAffinityTerm[],
  target: PodInfo,
  cache: NodeInfoCache,
  node: NodeInfo,
  sign: 1 | -1,
): boolean {
  let touched = false;
  const nsLabels = cache.namespaceLabels(target.namespace);
  for (const term of terms) {
    if (termMatches(term, target.namespace, target.labels, nsLabels)) {
      touched = addToDomain(scores, term.topologyKey, node.labels, sign * term.weight) || touched;
    }
  }
  return touched;
}

function processExisting(
  scores: TopologyCounts,
  pod: PodInfo,
  other: PodInfo,
  node: NodeInfo,
  cache: NodeInfoCache,
): boolean {
  let touched = false;
  const mine = pod.affinity;
  if (mine) {
    touched = addTerms(scores, mine.preferred, other, cache, node, 1) || touched;
    touched = addTerms(scores, mine.preferredAnti, other, cache, node, -1) || touched;
  }
  const theirs = other.affinity;
  if (theirs) {
    const hard = theirs.required.map((t) => ({ ...t, weight: HARD_POD_AFFINITY_WEIGHT }));
    touched = addTerms(scores, hard, pod, cache, node, 1) || touched;
    touched = addTerms(scores, theirs.preferred, pod, cache, node, 1) || touched;
    touched = addTerms(scores, theirs.preferredAnti, pod, cache, node, -1) || touched;
  }
  return touched;
}

/** Builds the domain scores for an attempt; SKIP when there is nothing to score. */
export function interPodAffinityPreScore(
  pod: PodInfo,
  _nodes: readonly NodeInfo[],
  cache: NodeInfoCache,
): InterPodAffinityScoreState | Skip {
  const preferred = (pod.affinity?.preferred.length ?? 0) +
    (pod.affinity?.preferredAnti.length ?? 0);
  const nodes = preferred > 0 ? cache.nodeInfos() : cache.nodesWithAffinityPods();
  const topologyScore: TopologyCounts = new Map();
  let touched = false;
  for (const node of nodes) {
    const others = preferred > 0 ? node.pods.values() : node.podsWithAffinity.values();
    for (const other of others) {
      touched = processExisting(topologyScore, pod, other, node, cache) || touched;
    }
  }
  return touched ? { topologyScore } : SKIP;
}

/** A node's raw score: the sum of its domains' scores. */
export function interPodAffinityScore(state: InterPodAffinityScoreState, node: NodeInfo): number {
  let sum = 0;
  for (const key of state.topologyScore.keys()) {
    sum += domainCount(state.topologyScore, key, node.labels);
  }
  return sum;
}

/** Scales raw scores min..max onto 0..100 (all 0 when they are equal). */
export function interPodAffinityNormalize(scores: number[]): void {
  let min = Infinity;
  let max = -Infinity;
  for (const score of scores) {
    if (score < min) min = score;
    if (score > max) max = score;
  }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) {
    scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
  }
}
