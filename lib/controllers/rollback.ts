import { NotFoundError } from "../api/errors.ts";
import type { Deployment, PodTemplateSpec, ReplicaSet } from "../api/types.ts";
import type { Store } from "../store/store.ts";
import { equalIgnoreHash, POD_TEMPLATE_HASH_LABEL } from "./_pod_template_hash.ts";
import { isControlledBy } from "./_replicaset_pods.ts";
import { ANNOTATIONS_TO_SKIP, CHANGE_CAUSE_ANNOTATION, revisionOf } from "./_rollout_util.ts";

/** A rollback kubectl would refuse, with kubectl's message (printed as `error: <message>`). */
export class RollbackError extends Error {
  /** Makes the error with kubectl's message. */
  constructor(message: string) {
    super(message);
    this.name = "RollbackError";
  }
}

/** One revision of a Deployment, as `kubectl rollout history` lists it. */
export interface RevisionInfo {
  /** The revision number. */
  revision: number;
  /** The ReplicaSet that holds it. */
  replicaSet: string;
  /** The `kubernetes.io/change-cause` annotation of that ReplicaSet, if any. */
  changeCause?: string;
  /** Its pod template (with the pod-template-hash label). */
  template: PodTemplateSpec;
}

/**
 * The revisions of a Deployment, oldest first, from the ReplicaSets it controls (others in
 * `replicaSets` are ignored). Pure: `kubectl rollout history` prints REVISION and CHANGE-CAUSE.
 */
export function rolloutHistory(deployment: Deployment, replicaSets: ReplicaSet[]): RevisionInfo[] {
  const byRevision = new Map<number, RevisionInfo>();
  for (const rs of replicaSets) {
    if (!isControlledBy(rs, deployment.metadata.uid)) continue;
    const revision = revisionOf(rs);
    if (Number.isNaN(revision)) continue;
    const changeCause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
    byRevision.set(revision, {
      revision,
      replicaSet: rs.metadata.name ?? "",
      ...(changeCause ? { changeCause } : {}),
      template: rs.spec.template,
    });
  }
  return [...byRevision.values()].sort((a, b) => a.revision - b.revision);
}

/** What a rollback would do: change the Deployment, or nothing (kubectl's "skipped rollback"). */
export type RollbackPlan =
  | { skipped: false; revision: number; deployment: Deployment; message: "rolled back" }
  | { skipped: true; revision: number; message: string };

/** The ReplicaSet of `toRevision`, or of the previous revision for 0 (kubectl's deploymentRevision). */
function replicaSetFor(d: Deployment, replicaSets: ReplicaSet[], toRevision: number): ReplicaSet {
  const owned = replicaSets.filter((rs) => isControlledBy(rs, d.metadata.uid));
  if (toRevision > 0) {
    const found = owned.find((rs) => revisionOf(rs) === toRevision);
    if (found) return found;
    throw new RollbackError(`unable to find specified revision ${toRevision} in history`);
  }
  const sorted = owned.filter((rs) => !Number.isNaN(revisionOf(rs)))
    .sort((a, b) => revisionOf(b) - revisionOf(a));
  const previous = sorted.find((rs) => revisionOf(rs) < revisionOf(sorted[0]));
  if (!previous) {
    throw new RollbackError(`no rollout history found for deployment "${d.metadata.name}"`);
  }
  return previous;
}

/**
 * Plans `kubectl rollout undo` (pure): the Deployment with the template and annotations of the
 * ReplicaSet of `toRevision` (default 0: the previous revision). Throws RollbackError with
 * kubectl's messages for a missing revision or a paused Deployment.
 */
export function planRollback(
  deployment: Deployment,
  replicaSets: ReplicaSet[],
  toRevision = 0,
): RollbackPlan {
  if (toRevision < 0) {
    throw new RollbackError(`unable to find specified revision ${toRevision} in history`);
  }
  const rs = replicaSetFor(deployment, replicaSets, toRevision);
  if (deployment.spec.paused) {
    throw new RollbackError(
      "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    );
  }
  const revision = revisionOf(rs);
  if (equalIgnoreHash(rs.spec.template, deployment.spec.template)) {
    const message = `skipped rollback (current template already matches revision ${toRevision})`;
    return { skipped: true, revision, message };
  }
  const template = structuredClone(rs.spec.template);
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(deployment.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value;
  }
  for (const [key, value] of Object.entries(rs.metadata.annotations ?? {})) {
    if (!ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value;
  }
  const updated: Deployment = {
    ...structuredClone(deployment),
    metadata: { ...structuredClone(deployment.metadata), annotations },
    spec: { ...structuredClone(deployment.spec), template },
  };
  return { skipped: false, revision, deployment: updated, message: "rolled back" };
}

/**
 * Rolls a Deployment back like `kubectl rollout undo [--to-revision=N]`: copies the template of
 * the ReplicaSet with that revision (default: the previous one) into the Deployment, written with
 * the resourceVersion read (Conflict if it changed meanwhile). The deployment controller then
 * finds that ReplicaSet as its new one and gives it the next revision number. Returns the
 * Deployment as stored (unchanged when its template already matches). Throws NotFoundError for
 * a missing Deployment and RollbackError with kubectl's messages.
 *
 * @example
 * ```ts
 * import { rollbackDeployment } from "./rollback.ts";
 * import { MemoryStore } from "../store/memory.ts";
 * const store = new MemoryStore();
 * await rollbackDeployment(store, "default", "web").catch((e) => console.log(e.message));
 * // deployments.apps "web" not found
 * ```
 */
export async function rollbackDeployment(
  store: Store,
  namespace: string,
  name: string,
  toRevision?: number,
): Promise<Deployment> {
  const deployment = await store.get("Deployment", namespace, name);
  if (!deployment) throw new NotFoundError("deployments.apps", name);
  const { items } = await store.list("ReplicaSet", { namespace });
  const plan = planRollback(deployment, items, toRevision);
  return plan.skipped ? deployment : await store.update(plan.deployment);
}
