import { rfc3339 } from "../api/clock.ts";
import type { AnyObject, Condition, Namespace, Node, Pod } from "../api/types.ts";
import type { CacheEvent, ClusterCache } from "../controllers/cluster_cache.ts";
import {
  type Controller,
  type ControllerContext,
  objectKeyOf,
  splitKey,
} from "../controllers/controller.ts";
import { NodeInfoCache } from "./node_info_cache.ts";
import { POD_FACTS } from "../store/pod_facts.ts";
import { countable, podOfFacts } from "./_pod_facts.ts";
import { mayUnblock } from "./_affinity_hint.ts";
import { podInfoOf } from "./pod_info.ts";
import { SchedulingAlgorithm } from "./scheduling_algorithm.ts";
import { trimExplanation } from "./trim_explanation.ts";
import type { PodAffinityInfo, ScheduleExplanation, SchedulerOptions } from "./types.ts";

/** Options of the scheduler in the control plane. */
export interface SchedulerControllerOptions extends SchedulerOptions {
  /** Pods whose spec.schedulerName is this are ours (default `default-scheduler`). */
  schedulerName?: string;
}

/** Explanations kept in memory; older ones are recomputed by explain() on demand. */
const EXPLANATIONS_KEPT = 1_000;

const isTerminal = (pod: Pod) =>
  pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
const keyOf = (pod: Pod) => objectKeyOf(pod.metadata.namespace, pod.metadata.name!);

/**
 * kube-scheduler in the control plane: a queue of unbound pods; each is filtered and scored over
 * the NodeInfo cache (kept from the informer's events, never by summing pods), bound by writing
 * spec.nodeName with the pod's resourceVersion (so two schedulers can never bind it twice), or left
 * Pending with PodScheduled=False and a FailedScheduling event. Unschedulable pods wait until
 * something changes that could make them fit: a node added or changed, a pod gone.
 */
export class SchedulerController implements Controller {
  /** Name in events (`default-scheduler`). */
  readonly name: string;
  /** It reads only the pods it places, which their events bring. */
  readonly podsOnDemand = true;
  #algorithm: SchedulingAlgorithm;
  #nodes = new NodeInfoCache();
  #unschedulable = new Set<string>();
  /** The unschedulable pods with pod (anti-)affinity: other pods decide where they fit. */
  #waitingOnPods = new Map<string, PodAffinityInfo>();
  #explanations = new Map<string, ScheduleExplanation>();

  /** A scheduler with its profile options. */
  constructor(options: SchedulerControllerOptions = {}) {
    this.name = options.schedulerName ?? "default-scheduler";
    this.#algorithm = new SchedulingAlgorithm(options);
  }

  /** The explanation of a pod's last scheduling attempt in this process. */
  explanation(namespace: string, name: string): ScheduleExplanation | undefined {
    return this.#explanations.get(objectKeyOf(namespace, name));
  }

  /** Runs the algorithm for a pod without binding it: "where would it go, and why". */
  explain(pod: Pod): ScheduleExplanation {
    const placed = pod.spec.nodeName ? { ...pod, spec: { ...pod.spec, nodeName: undefined } } : pod;
    if (pod.spec.nodeName) this.#nodes.removePod(pod);
    try {
      return this.#algorithm.schedule(placed, this.#nodes).explanation;
    } finally {
      if (pod.spec.nodeName) this.#nodes.addPod(pod);
    }
  }

  /** Keeps the latest explanations (trimmed to the top nodes), the oldest dropped past a bound. */
  #remember(key: string, explanation: ScheduleExplanation): void {
    this.#explanations.delete(key);
    this.#explanations.set(key, trimExplanation(explanation));
    if (this.#explanations.size > EXPLANATIONS_KEPT) {
      this.#explanations.delete(this.#explanations.keys().next().value!);
    }
  }

  /**
   * Rebuilds the NodeInfo cache from the cached nodes and namespaces and the counted facts of
   * the pods (Store.tally(), not whole pods); the pods still unbound wait as unschedulable, as
   * they did when the checkpoint was taken. The changes since then follow as events. When some
   * pods cannot be counted by their facts (pod affinity, a third container), every pod is read.
   */
  async resume({ cache, store }: ControllerContext): Promise<void> {
    const { groups, resourceVersion } = await store.tally("Pod", [...POD_FACTS]);
    if (!groups.every((g) => countable(g.values))) {
      await this.#rebuild(cache);
    } else {
      this.#addNodes(cache);
      for (const { values, count } of groups) {
        this.#nodes.addPodGroup(podOfFacts(values), count, Number(resourceVersion));
      }
    }
    for (const pod of await cache.loadUnboundPods()) {
      const ours = (pod.spec.schedulerName ?? "default-scheduler") === this.name;
      if (ours && !pod.metadata.deletionTimestamp && !isTerminal(pod)) {
        this.#markUnschedulable(keyOf(pod), pod);
      }
    }
  }

  /**
   * Makes NodeInfo track every pod by key, reading them whole if some are counted by their facts
   * alone: before an explanation, which takes the pod explained out of its node.
   */
  async trackEveryPod(cache: ClusterCache): Promise<void> {
    if (this.#nodes.hasGroups) await this.#rebuild(cache);
  }

  /** NodeInfo from every pod, read whole (pod affinity compares pods one by one). */
  async #rebuild(cache: ClusterCache): Promise<void> {
    await cache.completePods();
    this.#nodes = new NodeInfoCache();
    this.#addNodes(cache);
    for (const pod of cache.list("Pod")) this.#nodes.addPod(pod);
  }

  #addNodes(cache: ClusterCache): void {
    for (const namespace of cache.list("Namespace")) this.#nodes.addNamespace(namespace);
    for (const node of cache.list("Node")) this.#nodes.addNode(node);
  }

  /**
   * Feeds the NodeInfo cache and picks the pods to (re)try. As kube-scheduler's queueing hints
   * do, an unschedulable pod is tried again when a change could make it fit: a node added or
   * changed, a bound pod gone or finished; and, for a pod with pod (anti-)affinity, a pod bound
   * or relabelled, or a namespace's labels changed.
   */
  keysFor(event: CacheEvent): string[] {
    const { object, type } = event;
    if (object.kind === "Namespace") {
      if (type === "DELETED") this.#nodes.removeNamespace(object as Namespace);
      else this.#nodes.addNamespace(object as Namespace);
      const relabelled = !sameLabels(event.old, object);
      return type !== "DELETED" && relabelled ? [...this.#waitingOnPods.keys()] : [];
    }
    if (object.kind === "Node") {
      if (type === "DELETED") {
        this.#nodes.removeNode(object as Node);
        return [];
      }
      this.#nodes.addNode(object as Node);
      return [...this.#unschedulable];
    }
    if (object.kind !== "Pod") return [];
    const pod = object as Pod;
    if (type === "DELETED") {
      this.#nodes.removePod(pod);
      this.#forget(keyOf(pod));
      this.#explanations.delete(keyOf(pod));
      return pod.spec.nodeName ? [...this.#unschedulable] : [];
    }
    if (pod.spec.nodeName) {
      const old = event.old as Pod | undefined;
      this.#nodes.addPod(pod, old);
      const freed = isTerminal(pod) && !isTerminal(old ?? pod);
      if (freed) return [...this.#unschedulable];
      const arrived = !old?.spec.nodeName || !sameLabels(old, pod);
      return arrived ? this.#unblockedBy(pod, old) : [];
    }
    const ours = (pod.spec.schedulerName ?? "default-scheduler") === this.name;
    if (!ours || pod.metadata.deletionTimestamp || isTerminal(pod)) return [];
    // A status write (ours, for PodScheduled=False) cannot make an unschedulable pod fit.
    const old = event.old as Pod | undefined;
    if (old && this.#unschedulable.has(keyOf(pod)) && sameSchedulingInput(old, pod)) return [];
    return [keyOf(pod)];
  }

  #markUnschedulable(key: string, pod: Pod): void {
    this.#unschedulable.add(key);
    const affinity = podInfoOf(pod).affinity;
    if (affinity) this.#waitingOnPods.set(key, affinity);
  }

  /** The pods waiting on pod (anti-)affinity that `pod`, bound or relabelled, may let in. */
  #unblockedBy(pod: Pod, old: Pod | undefined): string[] {
    const changed = {
      namespace: pod.metadata.namespace ?? "default",
      labels: pod.metadata.labels ?? {},
      oldLabels: old?.spec.nodeName ? old.metadata.labels ?? {} : undefined,
    };
    return [...this.#waitingOnPods].flatMap(([key, affinity]) =>
      mayUnblock(affinity, changed) ? [key] : []
    );
  }

  #forget(key: string): void {
    this.#unschedulable.delete(key);
    this.#waitingOnPods.delete(key);
  }

  /** One scheduling attempt for one pod. */
  async reconcile(key: string, { cache, store, clock, events }: ControllerContext): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pod = cache.get("Pod", namespace, name);
    if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp || isTerminal(pod)) {
      this.#forget(key);
      return;
    }
    // Pod affinity compares the pod with others one by one: pods counted by facts will not do.
    if (podInfoOf(pod).affinity && this.#nodes.hasGroups) await this.#rebuild(cache);
    const result = this.#algorithm.schedule(pod, this.#nodes);
    this.#remember(key, result.explanation);
    const now = rfc3339(clock.now());
    if (result.nodeName) {
      this.#forget(key);
      this.#nodes.assume(pod, result.nodeName);
      try {
        await store.update<Pod>({
          ...pod,
          spec: { ...pod.spec, nodeName: result.nodeName },
          status: withCondition(pod.status, { type: "PodScheduled", status: "True" }, now),
        });
      } catch (error) {
        this.#nodes.forget(pod);
        throw error;
      }
      await events.record(pod, {
        type: "Normal",
        reason: "Scheduled",
        message: `Successfully assigned ${key} to ${result.nodeName}`,
      }, this.name);
      return;
    }
    this.#markUnschedulable(key, pod);
    const message = result.message ?? "";
    const condition: Condition = {
      type: "PodScheduled",
      status: "False",
      reason: "Unschedulable",
      message,
    };
    const current = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
    if (
      current?.status !== "False" || current.message !== message || pod.status?.phase !== "Pending"
    ) {
      await store.update<Pod>({
        ...pod,
        status: { ...withCondition(pod.status, condition, now), phase: "Pending" },
      });
    }
    await events.record(pod, { type: "Warning", reason: "FailedScheduling", message }, this.name);
  }
}

function sameSchedulingInput(a: Pod, b: Pod): boolean {
  return JSON.stringify(a.spec) === JSON.stringify(b.spec) &&
    JSON.stringify(a.metadata.labels) === JSON.stringify(b.metadata.labels);
}

/** The status with one condition set (its lastTransitionTime moves only when its status does). */
function withCondition(
  status: Pod["status"],
  condition: Condition,
  now: string,
): NonNullable<Pod["status"]> {
  const conditions = status?.conditions ?? [];
  const old = conditions.find((c) => c.type === condition.type);
  const next: Condition = {
    ...condition,
    lastProbeTime: null,
    lastTransitionTime: old && old.status === condition.status ? old.lastTransitionTime : now,
  };
  return {
    ...status,
    conditions: [...conditions.filter((c) => c.type !== condition.type), next],
  };
}

/** Whether two objects carry the same labels (an absent `a` has none). */
function sameLabels(a: AnyObject | undefined, b: AnyObject): boolean {
  const x = a?.metadata.labels ?? {}, y = b.metadata.labels ?? {};
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => x[k] === y[k]);
}
