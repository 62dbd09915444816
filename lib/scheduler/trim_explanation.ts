/**
 * A smaller copy of an explanation, for keeping: a large cluster's explanation lists hundreds of
 * nodes (about 500 per pod at 5,000 nodes), too much to store for every pod.
 *
 * @module
 */
import type { ScheduleExplanation } from "./types.ts";

/** Options of trimExplanation(). */
export interface TrimExplanationOptions {
  /** Most scored and most failed nodes to keep (default 10). */
  maxNodes?: number;
}

/**
 * Keeps the `maxNodes` best-scored nodes (ranked by total, ties by name, so the chosen node comes
 * first) and the first `maxNodes` failed nodes; the counts and the sampling sentence stay whole,
 * and `omitted` says how many rows were left out. An explanation within the limits comes back
 * unchanged (the same object).
 *
 * @example
 * ```ts
 * import { NodeInfoCache, SchedulingAlgorithm, trimExplanation } from "./mod.ts";
 * const cache = new NodeInfoCache();
 * const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "web" }, spec: { containers: [] } };
 * const { explanation } = new SchedulingAlgorithm().schedule(pod, cache);
 * trimExplanation(explanation, { maxNodes: 5 }).scores.nodes.length; // 0: no nodes at all
 * ```
 */
export function trimExplanation(
  explanation: ScheduleExplanation,
  options: TrimExplanationOptions = {},
): ScheduleExplanation {
  const max = options.maxNodes ?? 10;
  const { scores, filters } = explanation;
  if (scores.nodes.length <= max && filters.failed.length <= max) return explanation;
  const ranked = scores.nodes.map((_, i) => i).sort((a, b) =>
    scores.total[b] - scores.total[a] || (scores.nodes[a] < scores.nodes[b] ? -1 : 1)
  ).slice(0, max);
  const pick = <T>(values: T[]): T[] => ranked.map((i) => values[i]);
  const nodes = pick(scores.nodes);
  return {
    ...explanation,
    filters: { ...filters, passed: nodes, failed: filters.failed.slice(0, max) },
    scores: {
      nodes,
      plugins: scores.plugins.map((column) => ({
        ...column,
        raw: pick(column.raw),
        normalized: pick(column.normalized),
        weighted: pick(column.weighted),
      })),
      skipped: scores.skipped,
      total: pick(scores.total),
    },
    omitted: {
      passed: scores.nodes.length - nodes.length,
      failed: Math.max(0, filters.failed.length - max),
    },
  };
}
