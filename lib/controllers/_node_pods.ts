import { rfc3339 } from "../api/clock.ts";
import { ApiError } from "../api/errors.ts";
import type { Pod, Taint } from "../api/types.ts";
import type { ControllerContext } from "./controller.ts";
import { type DefaultTolerationSeconds, evictionTime } from "./_node_taint_eviction.ts";

/** The taint eviction of one node at one moment. */
export interface TaintEviction {
  /** The node's taints. */
  taints: Taint[];
  /** Clock time (ms). */
  now: number;
  /** Tolerations assumed for pods without their own. */
  defaults: DefaultTolerationSeconds;
}

const nameOf = (pod: Pod) => `${pod.metadata.namespace}/${pod.metadata.name}`;

async function deletePod(pod: Pod, { store }: ControllerContext): Promise<void> {
  try {
    await store.delete("Pod", pod.metadata.namespace, pod.metadata.name!);
  } catch (error) {
    if (!(error instanceof ApiError && error.reason === "NotFound")) throw error;
  }
}

/** Turns the Ready condition of the node's pods False, as MarkPodsNotReady does, with its event. */
export async function markPodsNotReady(pods: Pod[], context: ControllerContext): Promise<void> {
  const time = rfc3339(context.clock.now());
  for (const pod of pods) {
    const conditions = pod.status?.conditions ?? [];
    if (!conditions.some((c) => c.type === "Ready" && c.status === "True")) continue;
    const status = {
      ...pod.status,
      conditions: conditions.map((c) =>
        c.type === "Ready" ? { ...c, status: "False" as const, lastTransitionTime: time } : c
      ),
    };
    const updated = await context.store.update({ ...pod, status });
    const record = {
      type: "Warning",
      reason: "NodeNotReady",
      message: "Node is not ready",
    } as const;
    await context.events.record(updated, record, "node-controller");
  }
}

/**
 * Deletes the pods whose toleration of the node's NoExecute taints has run out, with the taint
 * eviction controller's event; returns the earliest deadline still ahead, if any.
 */
export async function evictPods(
  pods: Pod[],
  context: ControllerContext,
  eviction: TaintEviction,
): Promise<number | undefined> {
  if (!eviction.taints.some((t) => t.effect === "NoExecute")) return undefined;
  let next: number | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const at = evictionTime(pod, eviction.taints, eviction);
    if (at === undefined) continue;
    if (at > eviction.now) {
      next = next === undefined ? at : Math.min(next, at);
      continue;
    }
    const message = `Marking for deletion Pod ${nameOf(pod)}`;
    const record = { type: "Normal", reason: "TaintManagerEviction", message } as const;
    await context.events.record(pod, record, "taint-eviction-controller");
    await deletePod(pod, context);
  }
  return next;
}

/** Records that the pods' scheduled evictions were called off, as taint eviction words it. */
export async function cancelEvictions(
  pods: Pod[],
  context: ControllerContext,
  eviction: TaintEviction & { before: Taint[] },
): Promise<void> {
  for (const pod of pods) {
    const was = evictionTime(pod, eviction.before, eviction);
    if (was === undefined || was <= eviction.now) continue;
    if (evictionTime(pod, eviction.taints, eviction) !== undefined) continue;
    const message = `Cancelling deletion of Pod ${nameOf(pod)}`;
    const record = { type: "Normal", reason: "TaintManagerEviction", message } as const;
    await context.events.record(pod, record, "taint-eviction-controller");
  }
}

/**
 * Deletes the pods bound to a node that no longer exists, as PodGC does with orphaned pods,
 * once the store confirms that the node is gone (the cache may be behind).
 */
export async function deleteOrphanedPods(
  nodeName: string,
  context: ControllerContext,
): Promise<void> {
  const pods = await context.cache.loadPodsOnNode(nodeName);
  if (pods.length === 0 || await context.store.get("Node", undefined, nodeName)) return;
  for (const pod of pods) await deletePod(pod, context);
}
