/**
 * The filter phase: from the start index, run the filters on node after node (stopping at a
 * node's first failing filter, as Kubernetes does) until enough feasible nodes are found or every
 * node was examined; count the reasons of the nodes that failed.
 *
 * @module
 */
import { success } from "./status.ts";
import type { NodeFilterExplanation, NodeInfo, Plugin, PluginStatus } from "./types.ts";

/** The filter plugins that run for one attempt, with their states. */
export interface ActiveFilters {
  /** Plugins, in filter order. */
  plugins: Plugin<unknown, unknown>[];
  /** The state each plugin's preFilter returned (or the PodInfo). */
  states: unknown[];
}

/** What the filter phase found. */
export interface FilterRun {
  /** Feasible nodes, in scan order. */
  feasible: NodeInfo[];
  /** Nodes examined. */
  processed: number;
  /** Failed nodes per reason. */
  reasons: Record<string, number>;
  /** Examined nodes that failed, with their statuses (only when explaining). */
  failed: NodeFilterExplanation[];
}

/** Filters `nodes` from `start` (wrapping) until `toFind` feasible nodes are found. */
export function filterNodes(
  nodes: readonly NodeInfo[],
  start: number,
  toFind: number,
  active: ActiveFilters,
  explain: boolean,
): FilterRun {
  const { plugins, states } = active;
  const count = plugins.length;
  // Plain functions: calling through each plugin object would look `filter` up on a new shape.
  const filters = plugins.map((p) => p.filter!);
  const total = nodes.length;
  const passed = plugins.map((p) => success(p.name));
  const feasible: NodeInfo[] = [];
  const failedNodes: NodeFilterExplanation[] = [];
  const reasons = new Map<string, number>();
  let processed = 0;
  let index = start;
  while (processed < total && feasible.length < toFind) {
    const node = nodes[index];
    if (++index === total) index = 0;
    processed++;
    let failed: PluginStatus | undefined;
    let k = 0;
    for (; k < count; k++) {
      failed = filters[k](states[k], node);
      if (failed !== undefined) break;
    }
    if (failed === undefined) {
      feasible.push(node);
      continue;
    }
    for (const reason of failed.reasons) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    if (explain) failedNodes.push({ node: node.name, statuses: [...passed.slice(0, k), failed] });
  }
  return { feasible, processed, reasons: Object.fromEntries(reasons), failed: failedNodes };
}
