/**
 * The explanation's sentence on which nodes were examined.
 *
 * @module
 */
import { adaptivePercentage, MIN_FEASIBLE_NODES_TO_FIND } from "./feasible_nodes_to_find.ts";

/** How the examined nodes were chosen. */
export interface SamplingFacts {
  /** Schedulable nodes. */
  total: number;
  /** Nodes examined. */
  processed: number;
  /** Feasible nodes to find before stopping. */
  toFind: number;
  /** Where the scan started (name-sorted list). */
  start: number;
  /** Whether every node is examined by configuration. */
  exhaustive: boolean;
  /** percentageOfNodesToScore as configured (0: adaptive). */
  percentage: number;
}

/** E.g. `Examined 500 of 5000 nodes, ... the other 4500 nodes were not considered.` */
export function samplingNote(facts: SamplingFacts): string {
  const { total, processed, toFind, start, exhaustive, percentage } = facts;
  if (exhaustive) return `Examined all ${total} nodes (exhaustive).`;
  const rule = percentage === 0
    ? `adaptive percentageOfNodesToScore ${adaptivePercentage(total)}%`
    : `percentageOfNodesToScore ${percentage}%`;
  if (total < MIN_FEASIBLE_NODES_TO_FIND) {
    return `Examined all ${total} nodes (clusters under 100 nodes are always examined in full).`;
  }
  if (toFind >= total) return `Examined all ${total} nodes (${rule}).`;
  if (processed >= total) {
    return `Examined all ${total} nodes: fewer than ${toFind} feasible nodes exist (${rule}).`;
  }
  return `Examined ${processed} of ${total} nodes from index ${start} of the name-sorted list, ` +
    `stopping at ${toFind} feasible nodes (${rule}); ` +
    `the other ${total - processed} nodes were not considered.`;
}
