/**
 * The default profile: which plugins run, in which order, and how much each score weighs.
 *
 * Weights follow kube-scheduler's default profile (TaintToleration 3, NodeAffinity 2,
 * InterPodAffinity 2, NodeResourcesFit 1, NodeResourcesBalancedAllocation 1), with one change
 * for bin-packing: under MostAllocated, BalancedAllocation weighs 0. The two pull against each
 * other: for cpu and memory fractions c and m after placing the pod, MostAllocated scores about
 * 50(c + m) and BalancedAllocation about 100 - 50|c - m|, so their sum is about 100 + 100 min(c, m):
 * only the scarcer resource still favours the fuller node, and for pods heavy in one resource the
 * sum is flat, so integer truncation and tie-breaking, not allocation, decide. With
 * BalancedAllocation off, a fuller node never scores below an emptier one, and replicas fill the
 * most allocated feasible node first. LeastAllocated keeps Kubernetes' weights exactly.
 *
 * @module
 */
import { balancedAllocation } from "./plugins/balanced_allocation.ts";
import { interPodAffinity } from "./plugins/inter_pod_affinity.ts";
import { nodeAffinity } from "./plugins/node_affinity.ts";
import { nodeName } from "./plugins/node_name.ts";
import { nodeReady } from "./plugins/node_ready.ts";
import { nodeResourcesFit } from "./plugins/node_resources_fit.ts";
import { nodeUnschedulable } from "./plugins/node_unschedulable.ts";
import { taintToleration } from "./plugins/taint_toleration.ts";
import type { Plugin, ScorePluginName, ScoringStrategy } from "./types.ts";

/** kube-scheduler's default score weights. */
export const KUBERNETES_WEIGHTS: Readonly<Record<ScorePluginName, number>> = Object.freeze({
  TaintToleration: 3,
  NodeAffinity: 2,
  NodeResourcesFit: 1,
  NodeResourcesBalancedAllocation: 1,
  InterPodAffinity: 2,
});

/** kclone's default weights for a strategy (BalancedAllocation 0 under MostAllocated). */
export function defaultWeights(strategy: ScoringStrategy): Record<ScorePluginName, number> {
  const weights = { ...KUBERNETES_WEIGHTS };
  if (strategy === "MostAllocated") weights.NodeResourcesBalancedAllocation = 0;
  return weights;
}

/**
 * The plugins in kube-scheduler's filter order (NodeReady goes where Kubernetes' not-ready taint
 * would be checked: just before TaintToleration).
 */
export function defaultPlugins(strategy: ScoringStrategy): Plugin<unknown, unknown>[] {
  return [
    nodeUnschedulable,
    nodeName,
    nodeReady,
    taintToleration,
    nodeAffinity,
    nodeResourcesFit(strategy),
    balancedAllocation,
    interPodAffinity,
  ] as Plugin<unknown, unknown>[];
}
