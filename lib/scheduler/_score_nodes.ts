/**
 * The score phase: each weighted plugin scores every feasible node, normalises, and adds
 * `weight × score` to the node's total; the highest total wins, ties going to the node whose
 * name sorts first (Kubernetes picks among ties at random; kclone stays reproducible).
 *
 * @module
 */
import type { NodeInfoCache } from "./node_info_cache.ts";
import { SKIP } from "./status.ts";
import type {
  NodeInfo,
  Plugin,
  PluginScoreExplanation,
  PodInfo,
  ScorePluginName,
} from "./types.ts";

/** A score plugin with its weight (> 0). */
export interface WeightedPlugin {
  /** The plugin. */
  plugin: Plugin<unknown, unknown>;
  /** Its weight. */
  weight: number;
}

/** What the score phase found. */
export interface ScoreRun {
  /** Index (into the feasible nodes) of the chosen node. */
  chosen: number;
  /** Total per feasible node. */
  total: number[];
  /** One column per plugin that scored (only when explaining). */
  columns: PluginScoreExplanation[];
  /** Plugins whose preScore skipped this pod. */
  skipped: ScorePluginName[];
}

/** Scores the feasible nodes and picks one. */
export function scoreNodes(
  pod: PodInfo,
  feasible: readonly NodeInfo[],
  scorers: readonly WeightedPlugin[],
  cache: NodeInfoCache,
  explain: boolean,
): ScoreRun {
  const n = feasible.length;
  const total: number[] = new Array(n).fill(0);
  const columns: PluginScoreExplanation[] = [];
  const skipped: ScorePluginName[] = [];
  for (const { plugin, weight } of scorers) {
    const state = plugin.preScore ? plugin.preScore(pod, feasible, cache) : pod;
    if (state === SKIP) {
      skipped.push(plugin.name as ScorePluginName);
      continue;
    }
    const score = plugin.score!;
    const raw: number[] = new Array(n);
    for (let i = 0; i < n; i++) raw[i] = score(state, feasible[i]);
    let normalized = raw;
    if (plugin.normalize) {
      if (explain) normalized = raw.slice();
      plugin.normalize(state, normalized);
    }
    for (let i = 0; i < n; i++) total[i] += normalized[i] * weight;
    if (explain) {
      const weighted = normalized.map((s) => s * weight);
      columns.push({ plugin: plugin.name as ScorePluginName, weight, raw, normalized, weighted });
    }
  }
  let chosen = 0;
  for (let i = 1; i < n; i++) {
    if (
      total[i] > total[chosen] ||
      (total[i] === total[chosen] && feasible[i].name < feasible[chosen].name)
    ) chosen = i;
  }
  return { chosen, total, columns, skipped };
}
