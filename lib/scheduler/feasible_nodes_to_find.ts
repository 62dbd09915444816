/**
 * How many feasible nodes kube-scheduler looks for before it stops filtering and scores what it
 * found (percentageOfNodesToScore): all nodes below 100; else `nodes * pct / 100`, never below
 * 100, where pct, when not set (0), adapts to the cluster: `max(5, 50 - nodes / 125)`.
 *
 * @module
 */

/** Below this many nodes, every node is examined. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** The adaptive percentage never goes below this. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** The adaptive percentage for a cluster of `numAllNodes` nodes (integer arithmetic). */
export function adaptivePercentage(numAllNodes: number): number {
  return Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(numAllNodes / 125));
}

/**
 * The number of feasible nodes to find, as kube-scheduler's numFeasibleNodesToFind.
 *
 * @example
 * ```ts
 * import { numFeasibleNodesToFind } from "./feasible_nodes_to_find.ts";
 * numFeasibleNodesToFind(5_000); // 500: adaptive 10%
 * numFeasibleNodesToFind(1_000); // 420: adaptive 42%
 * numFeasibleNodesToFind(150, 10); // 100: never below 100
 * ```
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  const pct = percentage === 0 ? adaptivePercentage(numAllNodes) : percentage;
  const numNodes = Math.trunc(numAllNodes * pct / 100);
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes;
}
