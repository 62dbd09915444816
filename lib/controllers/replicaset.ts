import { labelSelectorFromObject, matchesLabels } from "../api/label_selector.ts";
import type { Pod, ReplicaSet } from "../api/types.ts";
import type { BatchOperation } from "../store/store.ts";
import type { CacheEvent, ClusterCache } from "./cluster_cache.ts";
import {
  type Controller,
  type ControllerContext,
  objectKeyOf,
  type ReconcileResult,
  splitKey,
} from "./controller.ts";
import { planReplicaSet } from "./_replicaset_plan.ts";
import { controllerRefOf, isControlledBy, isPodActive } from "./_replicaset_pods.ts";
import { semanticEqual } from "./_pod_template_hash.ts";

/** Options of createReplicaSetController(). */
export interface ReplicaSetControllerOptions {
  /** Source of the random pod-name suffixes (default Math.random); tests pass a seeded one. */
  random?: () => number;
  /** The most pods created or deleted in one sync (default 500, as Kubernetes' burstReplicas). */
  burstReplicas?: number;
}

const COMPONENT = "replicaset-controller";

/** Pods a ReplicaSet may claim: the ones it controls, and orphans its selector matches. */
function candidatePods(rs: ReplicaSet, cache: ClusterCache): Pod[] {
  const uid = rs.metadata.uid;
  const owned = cache.ownedBy(uid ?? "").filter((o): o is Pod =>
    o.kind === "Pod" && isControlledBy(o, uid)
  );
  const selector = labelSelectorFromObject(rs.spec.selector ?? {});
  if (selector.length === 0) return owned;
  const orphans = cache.list("Pod", { namespace: rs.metadata.namespace, selector })
    .filter((pod) => !controllerRefOf(pod));
  return [...owned, ...orphans];
}

/** Active pods of every ReplicaSet with the same controller (a Deployment's), for ranks. */
function relatedPods(rs: ReplicaSet, cache: ClusterCache): Pod[] | undefined {
  const owner = controllerRefOf(rs);
  if (!owner) return undefined;
  return cache.ownedBy(owner.uid)
    .filter((o) => o.kind === "ReplicaSet" && isControlledBy(o, owner.uid))
    .flatMap((sibling) => cache.ownedBy(sibling.metadata.uid ?? ""))
    .filter((o): o is Pod => o.kind === "Pod" && isPodActive(o as Pod));
}

/** ReplicaSet keys for a cache change: the ReplicaSet itself, or the owner (or matchers) of a pod. */
function keysFor(event: CacheEvent, cache: ClusterCache): string[] {
  const { object } = event;
  if (object.kind === "ReplicaSet") {
    return [objectKeyOf(object.metadata.namespace, object.metadata.name!)];
  }
  if (object.kind !== "Pod") return [];
  const keys = new Set<string>();
  for (const pod of event.old ? [object, event.old] : [object]) {
    const ref = controllerRefOf(pod);
    if (ref) {
      if (ref.kind === "ReplicaSet") keys.add(objectKeyOf(pod.metadata.namespace, ref.name));
      continue;
    }
    for (const rs of cache.list("ReplicaSet", { namespace: pod.metadata.namespace })) {
      try {
        const selector = labelSelectorFromObject(rs.spec.selector ?? {});
        if (selector.length > 0 && matchesLabels(selector, pod.metadata.labels)) {
          keys.add(objectKeyOf(rs.metadata.namespace, rs.metadata.name!));
        }
      } catch { /* an invalid selector selects nothing */ }
    }
  }
  return [...keys];
}

/**
 * One replicaset sync. Every write goes into one store batch that ends with the ReplicaSet's
 * status, written with the resourceVersion of the cached ReplicaSet: a second reconciler (another
 * process, or this one with a stale cache) that decided on the same state conflicts, writes
 * nothing, and is requeued to decide again on fresh state. So pods never outnumber spec.replicas,
 * without in-memory expectations.
 */
async function reconcile(
  key: string,
  context: ControllerContext,
  options: ReplicaSetControllerOptions,
): Promise<ReconcileResult | void> {
  const { namespace, name } = splitKey(key);
  const { cache, store, clock, events } = context;
  const rs = cache.get("ReplicaSet", namespace, name);
  if (!rs) return;
  const plan = planReplicaSet(rs, candidatePods(rs, cache), {
    now: clock.now(),
    random: options.random,
    related: relatedPods(rs, cache),
    nameTaken: (pod) => cache.get("Pod", namespace, pod) !== undefined,
    burstReplicas: options.burstReplicas,
  });
  const operations: BatchOperation[] = [
    ...[...plan.adopt, ...plan.release].map((object) => ({ op: "update" as const, object })),
    ...plan.create.map((object) => ({ op: "create" as const, object })),
    ...plan.delete.map((pod) => ({
      op: "delete" as const,
      kind: "Pod" as const,
      namespace: pod.metadata.namespace,
      name: pod.metadata.name!,
    })),
  ];
  if (operations.length > 0 || !semanticEqual(rs.status, plan.status)) {
    operations.push({ op: "update", object: { ...rs, status: plan.status } });
    await store.batch(operations);
    for (const pod of plan.create) {
      const message = `Created pod: ${pod.metadata.name}`;
      await events.record(rs, { type: "Normal", reason: "SuccessfulCreate", message }, COMPONENT);
    }
    for (const pod of plan.delete) {
      const message = `Deleted pod: ${pod.metadata.name}`;
      await events.record(rs, { type: "Normal", reason: "SuccessfulDelete", message }, COMPONENT);
    }
  }
  if (plan.requeueAfterMs !== undefined) return { requeueAfterMs: plan.requeueAfterMs };
}

/**
 * The replicaset controller of kube-controller-manager: keeps spec.replicas active pods per
 * ReplicaSet (creating from the template, deleting in ActivePodsWithRanks order), adopts
 * matching orphans, releases pods that stopped matching, never touches another controller's
 * pods, and keeps status (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas,
 * observedGeneration) current. Events: SuccessfulCreate `Created pod: <name>`, SuccessfulDelete
 * `Deleted pod: <name>`.
 *
 * @example
 * ```ts
 * import { ControlPlane } from "./control_plane.ts";
 * import { createReplicaSetController } from "./replicaset.ts";
 * import { MemoryStore } from "../store/memory.ts";
 * import { FakeClock } from "../api/clock.ts";
 * const clock = new FakeClock();
 * const store = new MemoryStore({ clock });
 * const plane = new ControlPlane(store, clock, [createReplicaSetController()]);
 * await plane.settle();
 * ```
 */
export function createReplicaSetController(options: ReplicaSetControllerOptions = {}): Controller {
  return {
    name: COMPONENT,
    keysFor,
    reconcile: (key, context) => reconcile(key, context, options),
  };
}

/** The replicaset controller with default options. */
export const replicaSetController: Controller = createReplicaSetController();
