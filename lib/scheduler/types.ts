/**
 * The scheduling framework's shapes: plugin names, statuses, the parsed pod and node
 * (PodInfo, NodeInfo), the plugin interface, options and the result of one attempt with its
 * explanation. Only type declarations live here.
 *
 * @module
 */
import type { LabelRequirement } from "../api/label_selector.ts";
import type { Node, Pod, Taint, Toleration } from "../api/types.ts";
import type { NodeInfoCache } from "./node_info_cache.ts";
import type { Skip } from "./status.ts";

/** Plugins that filter nodes, in the order they run. */
export type FilterPluginName =
  | "NodeUnschedulable"
  | "NodeName"
  | "NodeReady"
  | "TaintToleration"
  | "NodeAffinity"
  | "NodeResourcesFit"
  | "InterPodAffinity";

/** Plugins that score nodes (Kubernetes' names). */
export type ScorePluginName =
  | "TaintToleration"
  | "NodeAffinity"
  | "NodeResourcesFit"
  | "NodeResourcesBalancedAllocation"
  | "InterPodAffinity";

/** Every plugin kclone's scheduler has. */
export type PluginName = FilterPluginName | ScorePluginName;

/** How NodeResourcesFit scores: bin-packing (MostAllocated) or spreading (LeastAllocated). */
export type ScoringStrategy = "MostAllocated" | "LeastAllocated";

/** A filter's verdict: Unschedulable may be fixed by preemption, UnschedulableAndUnresolvable not. */
export type StatusCode = "Success" | "Unschedulable" | "UnschedulableAndUnresolvable";

/**
 * The status of one filter plugin on one node: Kubernetes' framework.Status, named apart from
 * the API's Status object. Plugins share frozen instances: never mutate one.
 */
export interface PluginStatus {
  /** The plugin that decided. */
  readonly plugin: PluginName;
  /** Success or why not. */
  readonly code: StatusCode;
  /** Kubernetes' reason strings, e.g. `Insufficient cpu`; empty on Success. */
  readonly reasons: readonly string[];
}

/** A pod (anti-)affinity term compiled once: which pods it selects and what "together" means. */
export interface AffinityTerm {
  /** Namespaces listed by the term, or the pod's own when neither list nor selector is set. */
  readonly namespaces: ReadonlySet<string>;
  /** Namespaces chosen by label; null selects none, [] selects all. */
  readonly namespaceSelector: readonly LabelRequirement[] | null;
  /** Pods chosen by label; null (no labelSelector) selects none, [] selects all. */
  readonly selector: readonly LabelRequirement[] | null;
  /** Node label whose value defines a topology domain, e.g. `kubernetes.io/hostname`. */
  readonly topologyKey: string;
}

/** A preferred term with its weight (1-100). */
export interface WeightedAffinityTerm extends AffinityTerm {
  /** Added to (affinity) or taken from (anti-affinity) the score of matching domains. */
  readonly weight: number;
}

/** The pod (anti-)affinity of a pod, compiled. */
export interface PodAffinityInfo {
  /** Required pod affinity: every term must be satisfied. */
  readonly required: readonly AffinityTerm[];
  /** Required pod anti-affinity: no term may be violated. */
  readonly requiredAnti: readonly AffinityTerm[];
  /** Preferred pod affinity. */
  readonly preferred: readonly WeightedAffinityTerm[];
  /** Preferred pod anti-affinity. */
  readonly preferredAnti: readonly WeightedAffinityTerm[];
}

/** A pod parsed once: its key, labels, requests and affinity. */
export interface PodInfo {
  /** The pod as given. */
  readonly pod: Pod;
  /** `namespace/name`, the cache's key. */
  readonly key: string;
  /** The pod's namespace (`default` when unset). */
  readonly namespace: string;
  /** The pod's labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** CPU request in millicores (containers summed, init containers maxed). */
  readonly milliCPU: number;
  /** Memory request in bytes. */
  readonly memory: number;
  /** CPU for scoring: a container without a cpu request counts 100m, as in Kubernetes. */
  readonly nonZeroMilliCPU: number;
  /** Memory for scoring: a container without a memory request counts 200Mi. */
  readonly nonZeroMemory: number;
  /** Other requested resources (ephemeral-storage, extended resources); undefined when none. */
  readonly scalar: Readonly<Record<string, number>> | undefined;
  /** The pod's tolerations. */
  readonly tolerations: readonly Toleration[];
  /** Compiled pod (anti-)affinity; undefined when the pod has none. */
  readonly affinity: PodAffinityInfo | undefined;
}

/**
 * What the scheduler knows of a node: the node, its allocatable resources (parsed once) and the
 * sums of the pods bound or assumed to it. Owned by NodeInfoCache; read-only to everyone else.
 */
export interface NodeInfo {
  /** Node name. */
  readonly name: string;
  /** The node; undefined while only pods name it (it is then not schedulable). */
  readonly node: Node | undefined;
  /** Node labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** spec.unschedulable (cordoned). */
  readonly unschedulable: boolean;
  /** Status of the Ready condition; `True` when the node reports no Ready condition. */
  readonly ready: "True" | "False" | "Unknown";
  /** spec.taints. */
  readonly taints: readonly Taint[];
  /** Allocatable CPU in millicores. */
  readonly allocatableMilliCPU: number;
  /** Allocatable memory in bytes. */
  readonly allocatableMemory: number;
  /** Allocatable pod count. */
  readonly allocatablePods: number;
  /** Other allocatable resources; undefined when none. */
  readonly allocatableScalar: Readonly<Record<string, number>> | undefined;
  /** Sum of the pods' CPU requests. */
  readonly requestedMilliCPU: number;
  /** Sum of the pods' memory requests. */
  readonly requestedMemory: number;
  /** Sum of the pods' CPU for scoring (missing requests count 100m). */
  readonly nonZeroMilliCPU: number;
  /** Sum of the pods' memory for scoring (missing requests count 200Mi). */
  readonly nonZeroMemory: number;
  /** Sums of other requested resources. */
  readonly requestedScalar: Readonly<Record<string, number>>;
  /** How many pods are bound or assumed to the node (those in `pods`, and those counted by their facts alone). */
  readonly podCount: number;
  /** Pods bound or assumed to the node, by key (not those counted by their facts alone). */
  readonly pods: ReadonlyMap<string, PodInfo>;
  /** The pods among them that have pod affinity or anti-affinity of any kind. */
  readonly podsWithAffinity: ReadonlySet<PodInfo>;
  /** The pods among them that have required pod anti-affinity. */
  readonly podsWithRequiredAntiAffinity: ReadonlySet<PodInfo>;
}

/**
 * A scheduler plugin: one object, each extension point optional (Kubernetes' framework). The
 * per-attempt hooks (`preFilter`, `preScore`) parse the pod once and return the state that
 * `filter` and `score` then get for every node; returning SKIP leaves the plugin out of this
 * attempt, as Kubernetes' Skip status does.
 */
export interface Plugin<F = PodInfo, S = PodInfo> {
  /** Kubernetes' plugin name. */
  readonly name: PluginName;
  /** Once per attempt, before filtering; without it, `filter` gets the PodInfo. */
  preFilter?(pod: PodInfo, cache: NodeInfoCache): F | Skip;
  /** Whether the pod may run on the node; undefined means Success. */
  filter?(state: F, node: NodeInfo): PluginStatus | undefined;
  /** Once per attempt, before scoring the feasible nodes; without it, `score` gets the PodInfo. */
  preScore?(pod: PodInfo, nodes: readonly NodeInfo[], cache: NodeInfoCache): S | Skip;
  /** The node's raw score. */
  score?(state: S, node: NodeInfo): number;
  /** Rewrites the raw scores (in place) onto 0..100. */
  normalize?(state: S, scores: number[]): void;
}

/** Options of SchedulingAlgorithm. */
export interface SchedulerOptions {
  /** NodeResourcesFit's scoring strategy (default MostAllocated: bin-packing). */
  strategy?: ScoringStrategy;
  /** Score weights; 0 turns a plugin's score off. Defaults: see defaultWeights(). */
  weights?: Partial<Record<ScorePluginName, number>>;
  /** Percent of nodes to find feasible before scoring (1-100); 0 or unset is adaptive. */
  percentageOfNodesToScore?: number;
  /** Examine every node, ignoring percentageOfNodesToScore (default false). */
  exhaustive?: boolean;
  /** Record per-node filter statuses and scores in the explanation (default true). */
  explain?: boolean;
  /** Replaces the default plugins (advanced; the order is the filter order). */
  plugins?: readonly Plugin<unknown, unknown>[];
}

/** A node that failed a filter: the status of each filter plugin that ran on it, in order. */
export interface NodeFilterExplanation {
  /** Node name. */
  node: string;
  /** Successes, then the first failure, which ends the list (later filters do not run). */
  statuses: readonly PluginStatus[];
}

/**
 * The filter phase. Every examined node is either in `passed` (every plugin of `plugins`
 * returned Success on it) or in `failed` (with its statuses).
 */
export interface FiltersExplanation {
  /** Filter plugins that ran for this pod, in order. */
  plugins: FilterPluginName[];
  /** Filter plugins left out because they had nothing to check for this pod (Skip). */
  skipped: FilterPluginName[];
  /** Examined nodes that passed every filter, in scan order (the feasible nodes). */
  passed: string[];
  /** Examined nodes that failed a filter, in scan order. */
  failed: NodeFilterExplanation[];
}

/** One score plugin's column: raw, normalised and weighted scores, one per feasible node. */
export interface PluginScoreExplanation {
  /** Plugin name. */
  plugin: ScorePluginName;
  /** Its weight. */
  weight: number;
  /** Scores as the plugin computed them. */
  raw: number[];
  /** After normalisation onto 0..100 (equal to raw for plugins that do not normalise). */
  normalized: number[];
  /** normalized × weight. */
  weighted: number[];
}

/**
 * The score phase as a table: node `nodes[i]` got `plugins[j].weighted[i]` from plugin j and
 * `total[i]` in all.
 */
export interface ScoresExplanation {
  /** Feasible nodes, in scan order (the same as the filters' `passed`). */
  nodes: string[];
  /** One column per plugin that scored. */
  plugins: PluginScoreExplanation[];
  /** Score plugins left out: weight 0, or nothing to score for this pod (Skip). */
  skipped: ScorePluginName[];
  /** Sum of the weighted scores per node; the highest wins, ties going to the first name. */
  total: number[];
}

/** Why a pod went where it went (or nowhere): a plain JSON-able object. */
export interface ScheduleExplanation {
  /** `namespace/name` of the pod. */
  pod: string;
  /** Scoring strategy of NodeResourcesFit. */
  strategy: ScoringStrategy;
  /** Schedulable nodes in the cache. */
  nodesTotal: number;
  /** Nodes the filters ran on. */
  nodesExamined: number;
  /** Examined nodes that passed every filter (all of them were scored). */
  nodesFeasible: number;
  /** Filtering stops once this many feasible nodes are found. */
  feasibleNodesToFind: number;
  /** Index, in the name-sorted node list, where the scan started. */
  startIndex: number;
  /** True when not every node was examined. */
  sampled: boolean;
  /** How the nodes were chosen for examination, in words. */
  sampling: string;
  /** The filter phase (node lists empty when `explain` is off). */
  filters: FiltersExplanation;
  /** The score phase (node lists and columns empty when `explain` is off). */
  scores: ScoresExplanation;
  /** The node chosen; absent when none fits. */
  chosen?: string;
  /** Whether per-node lists were recorded (the `explain` option). */
  detailed: boolean;
  /**
   * Set by trimExplanation(): how many passed and failed nodes it left out. The scores it kept
   * are then ranked best first rather than in scan order.
   */
  omitted?: { passed: number; failed: number };
}

/** The outcome of one scheduling attempt. */
export interface ScheduleResult {
  /** The chosen node; absent when the pod fits nowhere. */
  nodeName?: string;
  /** For an unschedulable pod: kube-scheduler's message, e.g. `0/3 nodes are available: ...`. */
  message?: string;
  /** How many examined nodes failed for each reason. */
  reasons: Record<string, number>;
  /** The explanation of this attempt. */
  explanation: ScheduleExplanation;
}
