/**
 * `kubectl label` changes: `key=value` sets a label, `key-` removes it; read with kubectl's
 * parseLabels and its messages.
 *
 * @module
 */
import { labelValueErrors } from "../../api/label_selector.ts";
import { UsageError } from "../context.ts";

/** The label changes of one command. */
export interface LabelSpec {
  /** Labels to set, in the order given. */
  set: Record<string, string>;
  /** Keys to remove. */
  remove: string[];
}

/**
 * Reads label changes; throws UsageError with kubectl's message for `a=b=c` (`invalid label
 * spec`), a bad value, an argument that is neither form, and a key both set and removed.
 *
 * @example
 * ```ts
 * import { parseLabelSpecs } from "./label_spec.ts";
 * parseLabelSpecs(["app=web", "tier-"]); // { set: { app: "web" }, remove: ["tier"] }
 * ```
 */
export function parseLabelSpecs(specs: readonly string[]): LabelSpec {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes("=")) {
      const parts = spec.split("=");
      if (parts.length !== 2) throw new UsageError(`invalid label spec: ${spec}`);
      const errors = labelValueErrors(parts[1]);
      if (errors.length > 0) {
        throw new UsageError(`invalid label value: ${JSON.stringify(spec)}: ${errors.join(";")}`);
      }
      set[parts[0]] = parts[1];
    } else if (spec.endsWith("-")) {
      remove.push(spec.slice(0, -1));
    } else {
      throw new UsageError(`unknown label spec: ${spec}`);
    }
  }
  if (remove.some((key) => Object.hasOwn(set, key))) {
    throw new UsageError("can not both modify and remove a label in the same command");
  }
  return { set, remove };
}
