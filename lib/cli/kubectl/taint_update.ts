/**
 * What `kubectl taint` does to one node's taints, and the word it prints for it.
 *
 * @module
 */
import type { Taint } from "../../api/types.ts";
import { UsageError } from "../context.ts";
import { aggregate } from "./label_update.ts";
import type { TaintRef, TaintSpec } from "./taint_spec.ts";

/** The result of tainting one node. */
export interface TaintUpdate {
  /** `tainted`, `untainted` or `modified`, as kubectl prints after `node/node-a`. */
  operation: "tainted" | "untainted" | "modified";
  /** The node's new taints: the added ones first, then the old ones kept. */
  taints: Taint[];
}

/** What updateTaints reads of a node: its name and taints. */
export interface TaintedNode {
  /** The node's metadata (its name is used in messages). */
  metadata: { name?: string };
  /** The node's spec. */
  spec?: { taints?: Taint[] };
}

/** Options of updateTaints. */
export interface UpdateTaintsOptions {
  /** Allow replacing a taint with the same key and effect (`--overwrite`). */
  overwrite?: boolean;
}

/** `key`, `key:Effect` or `key=value:Effect`, as Taint.ToString() writes a taint. */
function taintText(taint: TaintRef & { value?: string }): string {
  const value = taint.value ? `=${taint.value}` : "";
  if (!taint.effect) return taint.value ? `${taint.key}${value}:` : taint.key;
  return `${taint.key}${value}:${taint.effect}`;
}

const matches = (a: TaintRef, b: TaintRef): boolean => a.key === b.key && a.effect === b.effect;

/**
 * Applies taint changes to a node as kubectl's reorganizeTaints does. Without overwrite an
 * added taint may not share key and effect with an existing one (`node node-a already has
 * dedicated taint(s) with same effect(s) and --overwrite is false`); removing a taint that is
 * not there is an error (`taint "dedicated:NoSchedule" not found`).
 *
 * @example
 * ```ts
 * import { updateTaints } from "./taint_update.ts";
 * const add = [{ key: "gpu", effect: "NoSchedule" as const }];
 * updateTaints({ metadata: { name: "node-a" } }, { add, remove: [] }).operation; // "tainted"
 * ```
 */
export function updateTaints(
  node: TaintedNode,
  spec: TaintSpec,
  options: UpdateTaintsOptions = {},
): TaintUpdate {
  const old = node.spec?.taints ?? [];
  if (!options.overwrite) {
    const existing = spec.add.filter((t) => old.some((o) => matches(t, o))).map((t) => t.key);
    if (existing.length > 0) {
      throw new UsageError(
        `node ${node.metadata.name} already has ${
          existing.join(",")
        } taint(s) with same effect(s) and --overwrite is false`,
      );
    }
  }
  let taints: Taint[] = [...spec.add, ...old.filter((o) => !spec.add.some((t) => matches(t, o)))];
  const added = taints.length !== old.length;
  const errors: string[] = [];
  let deleted = false;
  for (const ref of spec.remove) {
    const kept = taints.filter((t) => ref.effect ? !matches(ref, t) : t.key !== ref.key);
    deleted = kept.length !== taints.length;
    if (!deleted) errors.push(`taint ${JSON.stringify(taintText(ref))} not found`);
    taints = kept;
  }
  if (errors.length > 0) throw new UsageError(aggregate(errors));
  const operation = (added && deleted) || options.overwrite
    ? "modified"
    : added
    ? "tainted"
    : "untainted";
  return { operation, taints };
}
