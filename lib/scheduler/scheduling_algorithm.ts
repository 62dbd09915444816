/**
 * SchedulingAlgorithm: one scheduling attempt, as kube-scheduler's schedulePod: PreFilter,
 * Filter (on a rotating, possibly sampled, run of nodes), PreScore, Score, NormalizeScore,
 * weighting, and the choice of a node. Binding is the caller's.
 *
 * Where kclone differs from kube-scheduler, on purpose: ties go to the first node name (not a
 * random one), a single feasible node is still scored (so the explanation shows why), and there
 * is no preemption, nominated node, PreFilter node-set narrowing or parallelism.
 *
 * @module
 */
import type { Pod } from "../api/types.ts";
import { type ActiveFilters, filterNodes } from "./_filter_nodes.ts";
import { samplingNote } from "./_sampling_note.ts";
import { scoreNodes, type WeightedPlugin } from "./_score_nodes.ts";
import { defaultPlugins, defaultWeights } from "./default_profile.ts";
import { numFeasibleNodesToFind } from "./feasible_nodes_to_find.ts";
import type { NodeInfoCache } from "./node_info_cache.ts";
import { podInfoOf } from "./pod_info.ts";
import { SKIP } from "./status.ts";
import type {
  FilterPluginName,
  Plugin,
  ScheduleExplanation,
  ScheduleResult,
  SchedulerOptions,
  ScorePluginName,
  ScoringStrategy,
} from "./types.ts";
import { formatUnschedulableMessage, NO_NODES_AVAILABLE } from "./unschedulable_message.ts";

function checkedOptions(options: SchedulerOptions): void {
  const pct = options.percentageOfNodesToScore ?? 0;
  if (!Number.isInteger(pct) || pct < 0 || pct > 100) {
    throw new RangeError(`percentageOfNodesToScore must be an integer in 0..100, not ${pct}`);
  }
  for (const [name, weight] of Object.entries(options.weights ?? {})) {
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`weight of ${name} must be a non-negative number, not ${weight}`);
    }
  }
}

/**
 * Places pods on nodes. It holds the one piece of state kube-scheduler carries between
 * attempts: the index (into the cache's name-sorted node list) where the next scan starts, which
 * moves on by the number of nodes examined, so that sampling gives every node its turn.
 *
 * @example
 * ```ts
 * import { NodeInfoCache, SchedulingAlgorithm } from "./mod.ts";
 * const cache = new NodeInfoCache();
 * for (const name of ["node-a", "node-b"]) {
 *   cache.addNode({
 *     apiVersion: "v1",
 *     kind: "Node",
 *     metadata: { name },
 *     status: { allocatable: { cpu: "4", memory: "8Gi", pods: "110" } },
 *   });
 * }
 * const pod = {
 *   apiVersion: "v1",
 *   kind: "Pod",
 *   metadata: { name: "web-1", namespace: "default" },
 *   spec: { containers: [{ name: "web", resources: { requests: { cpu: "1" } } }] },
 * };
 * const scheduler = new SchedulingAlgorithm();
 * const result = scheduler.schedule(pod, cache);
 * result.nodeName; // "node-a": a tie, broken by name
 * if (result.nodeName) cache.assume(pod, result.nodeName);
 * ```
 */
export class SchedulingAlgorithm {
  #strategy: ScoringStrategy;
  #percentage: number;
  #exhaustive: boolean;
  #explain: boolean;
  #filters: Plugin<unknown, unknown>[];
  #scorers: WeightedPlugin[];
  #unweighted: ScorePluginName[];
  #next = 0;

  /** A scheduler with the default profile, changed by `options`. */
  constructor(options: SchedulerOptions = {}) {
    checkedOptions(options);
    this.#strategy = options.strategy ?? "MostAllocated";
    this.#percentage = options.percentageOfNodesToScore ?? 0;
    this.#exhaustive = options.exhaustive ?? false;
    this.#explain = options.explain ?? true;
    const plugins = options.plugins ?? defaultPlugins(this.#strategy);
    const weights = { ...defaultWeights(this.#strategy), ...options.weights };
    this.#filters = plugins.filter((p) => p.filter);
    this.#scorers = [];
    this.#unweighted = [];
    for (const plugin of plugins) {
      if (!plugin.score) continue;
      const weight = weights[plugin.name as ScorePluginName] ?? 1;
      if (weight > 0) this.#scorers.push({ plugin, weight });
      else this.#unweighted.push(plugin.name as ScorePluginName);
    }
  }

  /** Where the next attempt starts scanning the name-sorted node list. */
  get nextStartNodeIndex(): number {
    return this.#next;
  }

  /** Chooses a node for the pod, or says why none fits. Does not change the cache. */
  schedule(pod: Pod, cache: NodeInfoCache): ScheduleResult {
    const info = podInfoOf(pod);
    const nodes = cache.nodeInfos();
    const total = nodes.length;
    const active: ActiveFilters = { plugins: [], states: [] };
    const skippedFilters: FilterPluginName[] = [];
    for (const plugin of this.#filters) {
      const state = plugin.preFilter ? plugin.preFilter(info, cache) : info;
      if (state === SKIP) skippedFilters.push(plugin.name as FilterPluginName);
      else {
        active.plugins.push(plugin);
        active.states.push(state);
      }
    }
    const toFind = this.#exhaustive ? total : numFeasibleNodesToFind(total, this.#percentage);
    const start = total === 0 ? 0 : this.#next % total;
    const run = filterNodes(nodes, start, toFind, active, this.#explain);
    if (total > 0) this.#next = (start + run.processed) % total;
    const explanation: ScheduleExplanation = {
      pod: info.key,
      strategy: this.#strategy,
      nodesTotal: total,
      nodesExamined: run.processed,
      nodesFeasible: run.feasible.length,
      feasibleNodesToFind: toFind,
      startIndex: start,
      sampled: run.processed < total,
      sampling: samplingNote({
        total,
        processed: run.processed,
        toFind,
        start,
        exhaustive: this.#exhaustive,
        percentage: this.#percentage,
      }),
      filters: {
        plugins: active.plugins.map((p) => p.name as FilterPluginName),
        skipped: skippedFilters,
        passed: [],
        failed: run.failed,
      },
      scores: { nodes: [], plugins: [], skipped: [...this.#unweighted], total: [] },
      detailed: this.#explain,
    };
    if (run.feasible.length === 0) {
      const message = total === 0
        ? NO_NODES_AVAILABLE
        : formatUnschedulableMessage(total, run.reasons);
      return { message, reasons: run.reasons, explanation };
    }
    const scored = scoreNodes(info, run.feasible, this.#scorers, cache, this.#explain);
    const nodeName = run.feasible[scored.chosen].name;
    explanation.scores.skipped.push(...scored.skipped);
    if (this.#explain) {
      const names = run.feasible.map((node) => node.name);
      explanation.filters.passed = names;
      explanation.scores.nodes = names;
      explanation.scores.plugins = scored.columns;
      explanation.scores.total = scored.total;
    }
    explanation.chosen = nodeName;
    return { nodeName, reasons: run.reasons, explanation };
  }
}
