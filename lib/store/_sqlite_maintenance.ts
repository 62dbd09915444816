import type { AnyObject } from "../api/types.ts";
import { namespaceOf } from "./_object.ts";
import type { Counters, Statements } from "./_sqlite_statements.ts";
import { type Address, addressOf } from "./_sqlite_writes.ts";

/**
 * Forgets log rows at or below `target` that are superseded (an older row of a key that has a
 * newer one, or a deletion), keeping the latest row of every live key, and records `target` as
 * the compacted revision. Incremental: every row superseded since the last compaction points at
 * its predecessor through prev_revision, so only rows written since then are scanned.
 * Runs inside the caller's write transaction.
 */
export function compactLog(statements: Statements, counters: Counters, target: number): void {
  if (target <= counters.compacted) return;
  statements.compactSuperseded.run(target, counters.compacted);
  statements.compactTombstones.run(counters.compacted, target);
  statements.setMeta.run(target, "compact_revision");
}

/**
 * Replaces every object and the log with `objects`, each at its own resourceVersion (a missing,
 * malformed or repeated one takes a new revision above the rest). The revision continues from
 * max(highest loaded, current); history before it is compacted, and the epoch moves so that
 * watchers in every process end with Gone. Runs inside the caller's write transaction.
 * Returns the new revision.
 */
export function restoreObjects(
  statements: Statements,
  counters: Counters,
  objects: AnyObject[],
  clear: () => void,
): number {
  const byKey = new Map<string, [Address, AnyObject]>();
  for (const object of objects) {
    const at = addressOf(object.kind, namespaceOf(object), object.metadata.name ?? "");
    byKey.set(at.key, [at, object]);
  }
  const taken = new Set<number>();
  const revisionOf = new Map<string, number>();
  let highest = counters.revision;
  for (const [key, [, object]] of byKey) {
    const revision = validRevision(object);
    if (revision !== undefined && !taken.has(revision)) {
      taken.add(revision);
      revisionOf.set(key, revision);
      highest = Math.max(highest, revision);
    }
  }
  clear();
  for (const [key, [at, given]] of byKey) {
    let revision = revisionOf.get(key);
    let object = given;
    if (revision === undefined) {
      revision = highest += 1;
      if (validRevision(given) === undefined) {
        object = { ...given, metadata: { ...given.metadata, resourceVersion: String(revision) } };
      }
    }
    const value = JSON.stringify(object);
    statements.insertLog.run(revision, at.key, at.kind, at.namespace, at.name, 1, 0, 0, value);
    statements.insertCurrent.run(at.kind, at.namespace, at.name, revision, value);
  }
  statements.setMeta.run(highest, "revision");
  statements.setMeta.run(highest, "compact_revision");
  statements.setMeta.run(counters.epoch + 1, "epoch");
  return highest;
}

function validRevision(object: AnyObject): number | undefined {
  const revision = Number(object.metadata.resourceVersion);
  return Number.isSafeInteger(revision) && revision > 0 ? revision : undefined;
}
