/**
 * NodeAffinity: spec.nodeSelector and required node affinity filter (terms ORed, the
 * expressions of a term ANDed); preferred node affinity scores each node with the sum of the
 * weights of the terms it matches, normalised so the best node gets 100.
 *
 * @module
 */
import {
  compileNodeSelectorTerm,
  matchesNodeSelector,
  type NodeTermMatcher,
} from "../_node_selector.ts";
import { defaultNormalizeScore } from "../normalize_score.ts";
import { SKIP, unschedulable } from "../status.ts";
import type { Plugin, PluginStatus } from "../types.ts";

/** kube-scheduler's reason for a node the pod's nodeSelector or node affinity rules out. */
export const ERR_REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";

const FAILED: PluginStatus = unschedulable(
  "NodeAffinity",
  [ERR_REASON_NODE_AFFINITY],
  "UnschedulableAndUnresolvable",
);

/** What the filter checks: the nodeSelector, and the required terms (undefined: no terms). */
export interface NodeAffinityFilterState {
  /** spec.nodeSelector; undefined when empty. */
  selector: Readonly<Record<string, string>> | undefined;
  /** Compiled required terms (ORed); undefined when the pod has no required node affinity. */
  terms: NodeTermMatcher[] | undefined;
}

/** A preferred term with its weight. */
export interface WeightedNodeTerm {
  /** The compiled preference. */
  match: NodeTermMatcher;
  /** Its weight. */
  weight: number;
}

const plugin: Plugin<NodeAffinityFilterState, WeightedNodeTerm[]> = {
  name: "NodeAffinity",
  preFilter(pod) {
    const spec = pod.pod.spec;
    const nodeSelector = spec?.nodeSelector;
    const selector = nodeSelector && Object.keys(nodeSelector).length > 0
      ? nodeSelector
      : undefined;
    const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!selector && !required) return SKIP;
    const terms = required?.nodeSelectorTerms.map(compileNodeSelectorTerm)
      .filter((t): t is NodeTermMatcher => t !== undefined);
    return { selector, terms };
  },
  filter(state, node) {
    if (state.selector && !matchesNodeSelector(state.selector, node.labels)) return FAILED;
    if (state.terms && !state.terms.some((match) => match(node.labels, node.name))) return FAILED;
    return undefined;
  },
  preScore(pod) {
    const preferred = pod.pod.spec?.affinity?.nodeAffinity
      ?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    const terms: WeightedNodeTerm[] = [];
    for (const term of preferred) {
      const match = term.weight ? compileNodeSelectorTerm(term.preference) : undefined;
      if (match) terms.push({ match, weight: term.weight });
    }
    return terms.length > 0 ? terms : SKIP;
  },
  score(terms, node) {
    let sum = 0;
    for (const term of terms) if (term.match(node.labels, node.name)) sum += term.weight;
    return sum;
  },
  normalize: (_, scores) => defaultNormalizeScore(scores),
};

/** The NodeAffinity filter and score (its states are its own business). */
export const nodeAffinity: Plugin<unknown, unknown> = plugin;
