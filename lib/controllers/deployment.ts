import type { AnyObject, Pod, ReplicaSet } from "../api/types.ts";
import type { BatchOperation } from "../store/store.ts";
import type { CacheEvent, ClusterCache } from "./cluster_cache.ts";
import {
  type Controller,
  type ControllerContext,
  objectKeyOf,
  type ReconcileResult,
  splitKey,
} from "./controller.ts";
import { controllerRefOf, isControlledBy } from "./_replicaset_pods.ts";
import { planDeployment } from "./_rollout_plan.ts";

const COMPONENT = "deployment-controller";

/** The Deployment key a ReplicaSet (or a pod's ReplicaSet) leads to, if it has a Deployment. */
function deploymentKeyOf(object: AnyObject, cache: ClusterCache): string | undefined {
  let owner = controllerRefOf(object);
  if (object.kind === "Pod") {
    if (owner?.kind !== "ReplicaSet") return undefined;
    const rs = cache.get("ReplicaSet", object.metadata.namespace, owner.name);
    owner = rs && controllerRefOf(rs);
  }
  return owner?.kind === "Deployment"
    ? objectKeyOf(object.metadata.namespace, owner.name)
    : undefined;
}

/** Deployment keys for a cache change: the Deployment, the owner of a ReplicaSet or of a pod's ReplicaSet. */
function keysFor(event: CacheEvent, cache: ClusterCache): string[] {
  const { object } = event;
  if (object.kind === "Deployment") {
    return [objectKeyOf(object.metadata.namespace, object.metadata.name!)];
  }
  if (object.kind !== "ReplicaSet" && object.kind !== "Pod") return [];
  const keys = new Set<string>();
  for (const changed of event.old ? [object, event.old] : [object]) {
    const key = deploymentKeyOf(changed, cache);
    if (key) keys.add(key);
  }
  return [...keys];
}

/**
 * One deployment sync: plan from the cache (planDeployment), then write. Whenever ReplicaSets are
 * created, scaled or deleted, the Deployment itself is written in the same store batch with its
 * cached resourceVersion (its new status, or unchanged as a lock): a reconciler that planned from
 * a stale view of this Deployment and its ReplicaSets conflicts and writes nothing.
 */
async function reconcile(key: string, context: ControllerContext): Promise<ReconcileResult | void> {
  const { namespace, name } = splitKey(key);
  const { cache, store, clock, events } = context;
  const d = cache.get("Deployment", namespace, name);
  if (!d) return;
  const replicaSets = cache.ownedBy(d.metadata.uid ?? "").filter((o): o is ReplicaSet =>
    o.kind === "ReplicaSet" && isControlledBy(o, d.metadata.uid)
  );
  const pods = new Map(replicaSets.map((rs) => [
    rs.metadata.name ?? "",
    cache.ownedBy(rs.metadata.uid ?? "").filter((o): o is Pod =>
      o.kind === "Pod" && isControlledBy(o, rs.metadata.uid)
    ),
  ]));
  const plan = planDeployment(d, {
    replicaSets,
    pods,
    now: clock.now(),
    nameTaken: (rsName) => cache.get("ReplicaSet", namespace, rsName) !== undefined,
  });
  const operations: BatchOperation[] = [
    ...(plan.create ? [{ op: "create" as const, object: plan.create }] : []),
    ...plan.update.map((object) => ({ op: "update" as const, object })),
    ...plan.delete.map((rs) => ({
      op: "delete" as const,
      kind: "ReplicaSet" as const,
      namespace: rs.metadata.namespace,
      name: rs.metadata.name!,
    })),
  ];
  if (operations.length > 0) {
    operations.push({ op: "update", object: plan.deployment ?? d });
    await store.batch(operations);
  } else if (plan.deployment) {
    await store.update(plan.deployment);
  }
  for (const record of plan.events) await events.record(d, record, COMPONENT);
  if (plan.requeueAfterMs !== undefined) return { requeueAfterMs: plan.requeueAfterMs };
}

/**
 * The deployment controller of kube-controller-manager: a Deployment owns ReplicaSets named
 * `<deployment>-<pod-template-hash>`, rolls a template change out under maxSurge and
 * maxUnavailable (or Recreate), scales (also while paused), keeps revisionHistoryLimit old
 * ReplicaSets, and reports status with the Available and Progressing conditions. Events:
 * ScalingReplicaSet `Scaled up replica set web-5d9c8b7f6 from 0 to 3`.
 *
 * Run it before the replicaset controller in a ControlPlane, so that a round's ReplicaSet
 * changes are acted on by the replicaset controller in the same round.
 */
export const deploymentController: Controller = {
  name: COMPONENT,
  keysFor,
  reconcile,
};
