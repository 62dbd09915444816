/**
 * The annotations a Deployment keeps on its new ReplicaSet (SetNewReplicaSetAnnotations): its
 * own annotations (but apply and revision bookkeeping), the revision, the revision history of a
 * ReplicaSet rolled back to, and the replica annotations of a new one.
 *
 * @module
 */
import type { Deployment, ReplicaSet } from "../api/types.ts";
import {
  ANNOTATIONS_TO_SKIP,
  MAX_REVISION_HISTORY_CHARS,
  maxSurge,
  replicasOf,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  setReplicasAnnotations,
} from "./_rollout_util.ts";

/** Appends `revision` to a comma-separated history, dropping the oldest past the length limit. */
function appendHistory(history: string | undefined, revision: string): string | undefined {
  if (!history) return revision;
  const revisions = history.split(",");
  let total = history.length + revision.length + 1;
  let start = 0;
  while (total > MAX_REVISION_HISTORY_CHARS && start < revisions.length) {
    total -= revisions[start].length + 1;
    start++;
  }
  return total <= MAX_REVISION_HISTORY_CHARS
    ? [...revisions.slice(start), revision].join(",")
    : undefined;
}

/**
 * Brings the annotations of the Deployment's new ReplicaSet up to date; `exists` is false for one
 * about to be created (which also gets desired-replicas and max-replicas). True when changed.
 */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  rs: ReplicaSet,
  newRevision: number,
  exists: boolean,
): boolean {
  const annotations = rs.metadata.annotations ??= {};
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const oldText = annotations[REVISION_ANNOTATION];
  if (oldText !== undefined && !/^\d+$/.test(oldText)) return changed;
  const oldRevision = oldText === undefined ? 0 : Number(oldText);
  if (oldRevision < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (oldText !== undefined) {
      const history = appendHistory(annotations[REVISION_HISTORY_ANNOTATION], oldText);
      if (history !== undefined) annotations[REVISION_HISTORY_ANNOTATION] = history;
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) {
    changed = true;
  }
  return changed;
}

/** Sets the Deployment's revision annotation; true when it changed. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const annotations = d.metadata.annotations ??= {};
  if (annotations[REVISION_ANNOTATION] === revision) return false;
  annotations[REVISION_ANNOTATION] = revision;
  return true;
}
