import type { AnyObject } from "../api/types.ts";

/** What deleting an owner in the foreground does to the objects around it. */
export interface ForegroundPlan {
  /**
   * The dependents to delete before the owner, deepest first (a Deployment's Pods before its
   * ReplicaSets): each has only owners that are going too.
   */
  deletes: AnyObject[];
  /**
   * Copies of the dependents that keep a live owner, without their references to the ones going:
   * the garbage collector does not delete an object another owner still holds.
   */
  updates: AnyObject[];
}

/**
 * Plans `propagationPolicy: Foreground` as the garbage collector carries it out: every object
 * whose owners are all being deleted goes first, transitively (Deployment → ReplicaSets → Pods),
 * so the owner is the last to go. Each returned object keeps its resourceVersion, so writing the
 * plan fails with Conflict when one changed meanwhile. Pure: `candidates` are the objects that
 * may be dependents.
 */
export function foregroundDependents(
  owner: AnyObject,
  candidates: readonly AnyObject[],
): ForegroundPlan {
  const going = new Set([owner.metadata.uid]);
  const levels: AnyObject[][] = [];
  let remaining = candidates.filter((c) => c.metadata.uid !== owner.metadata.uid);
  for (;;) {
    const level = remaining.filter((c) => {
      const refs = c.metadata.ownerReferences ?? [];
      return refs.length > 0 && refs.every((r) => going.has(r.uid));
    });
    if (level.length === 0) break;
    for (const c of level) going.add(c.metadata.uid);
    levels.push(level);
    remaining = remaining.filter((c) => !level.includes(c));
  }
  const updates = remaining
    .filter((c) => c.metadata.ownerReferences?.some((r) => going.has(r.uid)))
    .map((c) => {
      const copy = structuredClone(c);
      copy.metadata.ownerReferences = copy.metadata.ownerReferences!.filter((r) =>
        !going.has(r.uid)
      );
      return copy;
    });
  return { deletes: levels.reverse().flat(), updates };
}
