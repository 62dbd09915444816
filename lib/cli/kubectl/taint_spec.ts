/**
 * `kubectl taint` changes: `key=value:Effect` and `key:Effect` add a taint; a trailing `-`
 * (`key:Effect-`, `key-`) removes one. Read with kubectl's parseTaints and its messages.
 *
 * @module
 */
import { labelKeyErrors, labelValueErrors } from "../../api/label_selector.ts";
import type { Taint } from "../../api/types.ts";
import { UsageError } from "../context.ts";

/** A taint to remove: by key, or by key and effect. */
export interface TaintRef {
  /** Taint key. */
  key: string;
  /** Effect; all effects of the key when absent. */
  effect?: Taint["effect"];
}

/** The taint changes of one command. */
export interface TaintSpec {
  /** Taints to add (or, with --overwrite, to change). */
  add: Taint[];
  /** Taints to remove. */
  remove: TaintRef[];
}

const EFFECTS: readonly string[] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** One taint in `key=value:effect`, `key:effect` or `key` form (kubectl's parseTaint). */
function parseTaint(text: string): Taint | TaintRef {
  const parts = text.split(":");
  let key = parts[0];
  let value: string | undefined;
  let effect: string | undefined;
  if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) {
      throw new UsageError(`invalid taint effect: ${effect}, unsupported taint effect`);
    }
    const kv = parts[0].split("=");
    if (kv.length > 2) throw new UsageError(`invalid taint spec: ${text}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errors = labelValueErrors(value);
      if (errors.length > 0) {
        throw new UsageError(`invalid taint spec: ${text}, ${errors.join("; ")}`);
      }
    }
  } else if (parts.length !== 1) {
    throw new UsageError(`invalid taint spec: ${text}`);
  }
  const errors = labelKeyErrors(key);
  if (errors.length > 0) throw new UsageError(`invalid taint spec: ${text}, ${errors.join("; ")}`);
  return {
    key,
    ...(value ? { value } : {}),
    ...(effect ? { effect: effect as Taint["effect"] } : {}),
  } as Taint | TaintRef;
}

/**
 * Reads taint changes. Throws UsageError with kubectl's messages: a bad effect, key or value,
 * an addition without effect, the same key and effect added twice, and a taint both added and
 * removed.
 *
 * @example
 * ```ts
 * import { parseTaintSpecs } from "./taint_spec.ts";
 * parseTaintSpecs(["dedicated=gpu:NoSchedule", "old-"]);
 * // { add: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }], remove: [{ key: "old" }] }
 * ```
 */
export function parseTaintSpecs(specs: readonly string[]): TaintSpec {
  const add: Taint[] = [];
  const remove: TaintRef[] = [];
  for (const spec of specs) {
    if (spec.endsWith("-")) {
      const { key, effect } = parseTaint(spec.slice(0, -1));
      remove.push(effect ? { key, effect } : { key });
      continue;
    }
    const taint = parseTaint(spec);
    if (!taint.effect) throw new UsageError(`invalid taint spec: ${spec}`);
    if (add.some((t) => t.key === taint.key && t.effect === taint.effect)) {
      const value = (taint as Taint).value ?? "";
      throw new UsageError(
        `duplicated taints with the same key and effect: {${taint.key} ${value} ${taint.effect} <nil>}`,
      );
    }
    add.push(taint as Taint);
  }
  const conflicts = remove.filter((r) =>
    add.some((a) => a.key === r.key && (!r.effect || a.effect === r.effect))
  ).map((r) => `{"${r.key}":"${r.effect ?? ""}"}`);
  if (conflicts.length > 0) {
    throw new UsageError(
      `can not both modify and remove the following taint(s) in the same command: ${
        conflicts.join(", ")
      }`,
    );
  }
  return { add, remove };
}
