/**
 * kclone's scheduler core: kube-scheduler's framework (filter, then score; binding is the
 * caller's) as pure, fast code.
 *
 * - {@linkcode NodeInfoCache} keeps each node's allocatable and the requests of its pods up to
 *   date from watch events, plus assume() for a pod just bound.
 * - {@linkcode SchedulingAlgorithm} runs one attempt: the filters (NodeUnschedulable, NodeName,
 *   NodeReady, TaintToleration, NodeAffinity, NodeResourcesFit, InterPodAffinity) on a rotating,
 *   adaptively sampled run of nodes, then the weighted scores (NodeResourcesFit with
 *   MostAllocated or LeastAllocated, NodeResourcesBalancedAllocation, NodeAffinity,
 *   InterPodAffinity, TaintToleration), and returns the node, or kube-scheduler's message for a
 *   pod that fits nowhere, with an explanation of every step.
 * - Each plugin is a plain object matching {@linkcode Plugin}.
 *
 * @example
 * ```ts
 * import { NodeInfoCache, SchedulingAlgorithm } from "./mod.ts";
 * const cache = new NodeInfoCache();
 * cache.addNode({
 *   apiVersion: "v1",
 *   kind: "Node",
 *   metadata: { name: "node-1" },
 *   spec: { taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] },
 *   status: { allocatable: { cpu: "4", memory: "8Gi", pods: "110" } },
 * });
 * const pod = {
 *   apiVersion: "v1",
 *   kind: "Pod",
 *   metadata: { name: "web", namespace: "default" },
 *   spec: { containers: [{ name: "web" }] },
 * };
 * const result = new SchedulingAlgorithm().schedule(pod, cache);
 * result.message; // "0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}."
 * ```
 *
 * @module
 */
export type * from "./types.ts";
export { SKIP, type Skip, success, unschedulable } from "./status.ts";
export { NodeInfoCache } from "./node_info_cache.ts";
export { SchedulingAlgorithm } from "./scheduling_algorithm.ts";
export { podInfoOf, podKey } from "./pod_info.ts";
export { defaultPlugins, defaultWeights, KUBERNETES_WEIGHTS } from "./default_profile.ts";
export {
  adaptivePercentage,
  MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND,
  MIN_FEASIBLE_NODES_TO_FIND,
  numFeasibleNodesToFind,
} from "./feasible_nodes_to_find.ts";
export { defaultNormalizeScore, MAX_NODE_SCORE } from "./normalize_score.ts";
export { formatUnschedulableMessage, NO_NODES_AVAILABLE } from "./unschedulable_message.ts";
export { trimExplanation, type TrimExplanationOptions } from "./trim_explanation.ts";
export { ERR_REASON_UNSCHEDULABLE, nodeUnschedulable } from "./plugins/node_unschedulable.ts";
export { ERR_REASON_NODE_NAME, nodeName } from "./plugins/node_name.ts";
export { ERR_REASON_NOT_READY, ERR_REASON_UNREACHABLE, nodeReady } from "./plugins/node_ready.ts";
export { taintToleration, untoleratedTaintReason } from "./plugins/taint_toleration.ts";
export { ERR_REASON_NODE_AFFINITY, nodeAffinity } from "./plugins/node_affinity.ts";
export {
  ERR_REASON_TOO_MANY_PODS,
  fitsRequest,
  insufficientReason,
  nodeResourcesFit,
} from "./plugins/node_resources_fit.ts";
export { balancedAllocation } from "./plugins/balanced_allocation.ts";
export {
  ERR_REASON_AFFINITY,
  ERR_REASON_ANTI_AFFINITY,
  ERR_REASON_EXISTING_ANTI_AFFINITY,
  interPodAffinity,
} from "./plugins/inter_pod_affinity.ts";
export * from "./scheduler_controller.ts";
