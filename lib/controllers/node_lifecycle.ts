import type { Node, Pod } from "../api/types.ts";
import type { CacheEvent, ClusterCache } from "./cluster_cache.ts";
import type { Controller, ControllerContext } from "./controller.ts";
import { lastHeartbeatAt, nodeTaints, overdueConditions, readyStatus } from "./_node_health.ts";
import { cancelEvictions, deleteOrphanedPods, evictPods, markPodsNotReady } from "./_node_pods.ts";
import type { DefaultTolerationSeconds } from "./_node_taint_eviction.ts";

/** Options of nodeLifecycleController(), named after kube-controller-manager's flags. */
export interface NodeLifecycleOptions {
  /** How long a node may go without a heartbeat before it is Unknown (default 40,000 ms). */
  nodeMonitorGracePeriodMs?: number;
  /** The same for a node whose kubelet never posted (default: nodeMonitorGracePeriodMs). */
  nodeStartupGracePeriodMs?: number;
  /** Seconds a pod without its own toleration stays on an unreachable node (default 300). */
  defaultUnreachableTolerationSeconds?: number;
  /** Seconds a pod without its own toleration stays on a not-ready node (default 300). */
  defaultNotReadyTolerationSeconds?: number;
}

const LEASE_NAMESPACE = "kube-node-lease";

const hasNoExecute = (node: Node) => !!node.spec?.taints?.some((t) => t.effect === "NoExecute");
const isReady = (pod: Pod) =>
  !!pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");

function keysFor(event: CacheEvent, cache: ClusterCache): string[] {
  const { object } = event;
  if (object.kind === "Node") return [object.metadata.name!];
  if (object.kind === "Lease") {
    return object.metadata.namespace === LEASE_NAMESPACE ? [object.metadata.name!] : [];
  }
  const nodeName = object.kind === "Pod" ? (object as Pod).spec.nodeName : undefined;
  if (!nodeName || event.type === "DELETED") return [];
  const node = cache.get("Node", undefined, nodeName);
  const concerned = !node || hasNoExecute(node) ||
    (readyStatus(node) !== "True" && isReady(object as Pod));
  return concerned ? [nodeName] : [];
}

/**
 * The node lifecycle controller, with Kubernetes' taint eviction and PodGC folded in. For each
 * node: when neither its Lease nor its Ready condition was renewed within the grace period, Ready
 * (and the pressure conditions) turn Unknown with `Kubelet stopped posting node status.`, its
 * pods are marked not ready, and it is tainted `node.kubernetes.io/unreachable` (NoSchedule and
 * NoExecute); once its kubelet posts Ready again the taints go. Pods on a node with NoExecute
 * taints are deleted when their toleration runs out (pods without their own tolerate
 * unreachable and not-ready for 300 s, as DefaultTolerationSeconds admission makes them). Pods
 * bound to a node that no longer exists are deleted. Deadlines are met on the injected clock.
 */
export function nodeLifecycleController(options: NodeLifecycleOptions = {}): Controller {
  const grace = options.nodeMonitorGracePeriodMs ?? 40_000;
  const startupGrace = options.nodeStartupGracePeriodMs ?? grace;
  const defaults: DefaultTolerationSeconds = {
    unreachable: options.defaultUnreachableTolerationSeconds ?? 300,
    notReady: options.defaultNotReadyTolerationSeconds ?? 300,
  };

  async function monitor(node: Node, context: ControllerContext) {
    const { cache, store, clock, events } = context;
    const now = clock.now(), name = node.metadata.name!;
    const lease = cache.get("Lease", LEASE_NAMESPACE, name);
    const posted = readyStatus(node) !== undefined || lease !== undefined;
    const deadline = lastHeartbeatAt(node, lease) + (posted ? grace : startupGrace);
    const conditions = now >= deadline ? overdueConditions(node, now) : undefined;
    const before = readyStatus(node);
    const ready = conditions ? "Unknown" : before;
    const taints = nodeTaints(node, { ready, now });
    let current = node;
    if (conditions || taints) {
      const updated = structuredClone(node);
      if (taints?.length) updated.spec = { ...updated.spec, taints };
      else if (taints) delete updated.spec?.taints;
      if (conditions) updated.status = { ...updated.status, conditions };
      current = await store.update(updated);
    }
    if (conditions && before === "True") {
      const message = `Node ${name} status is now: NodeNotReady`;
      await events.record(
        current,
        { type: "Normal", reason: "NodeNotReady", message },
        "node-controller",
      );
    }
    return { current, ready, deadline: now < deadline ? deadline : undefined };
  }

  return {
    name: "node-lifecycle-controller",
    podsOnDemand: true,
    keysFor,
    initialKeys: (cache) => [
      ...new Set([
        ...cache.list("Node").map((n) => n.metadata.name!),
        ...cache.list("Pod").flatMap((p) => p.spec.nodeName ? [p.spec.nodeName] : []),
      ]),
    ],
    async reconcile(name, context) {
      const node = context.cache.get("Node", undefined, name);
      if (!node) return await deleteOrphanedPods(name, context);
      const { current, ready, deadline } = await monitor(node, context);
      const now = context.clock.now();
      const taints = current.spec?.taints ?? [];
      const unwell = ready === "Unknown" || ready === "False";
      // A healthy node that did not change needs no look at its pods.
      const pods = unwell || current !== node || taints.some((t) => t.effect === "NoExecute")
        ? await context.cache.loadPodsOnNode(name)
        : [];
      if (unwell) await markPodsNotReady(pods.filter(isReady), context);
      if (current !== node) {
        await cancelEvictions(pods, context, {
          taints,
          before: node.spec?.taints ?? [],
          now,
          defaults,
        });
      }
      const eviction = await evictPods(pods, context, { taints, now, defaults });
      const wakeups = [deadline, eviction].filter((t) => t !== undefined);
      return wakeups.length > 0 ? { requeueAfterMs: Math.min(...wakeups) - now } : undefined;
    },
  };
}
