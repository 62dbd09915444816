/**
 * The `k=v,k=v` and `k=v:Effect,...` flags of the original commands, parsed as kubectl parses
 * `--labels` and taints, with cobra's wording for a bad flag value.
 *
 * @module
 */
import type { Taint } from "../../api/types.ts";
import { UsageError } from "../usage_error.ts";

/** Cobra's message for a flag whose value cannot be used: names the flag and the value. */
export function flagError(flag: string, value: string, problem: string): UsageError {
  return new UsageError(`invalid argument "${value}" for "${flag}" flag: ${problem}`);
}

/**
 * Labels (or a selector) written `k=v,k=v`, as kubectl's ParseLabels reads them. Key and value
 * syntax is left to validation of the object they go on.
 *
 * @example
 * ```ts
 * import { parseLabelsFlag } from "./flags.ts";
 * parseLabelsFlag("app=web,tier=front", "--labels"); // { app: "web", tier: "front" }
 * ```
 */
export function parseLabelsFlag(text: string, flag: string): Record<string, string> {
  if (text === "") throw flagError(flag, text, "no label spec passed");
  const labels: Record<string, string> = {};
  for (const spec of text.split(",")) {
    const parts = spec.split("=");
    if (parts.length !== 2) throw flagError(flag, text, `unexpected label spec: ${spec}`);
    if (parts[0] === "") throw flagError(flag, text, "unexpected empty label key");
    labels[parts[0]] = parts[1];
  }
  return labels;
}

const EFFECTS: readonly string[] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** One `key[=value]:Effect`, as kubectl's parseTaint reads it (the effect is required here). */
function parseTaint(spec: string, flag: string, text: string): Taint {
  const parts = spec.split(":");
  if (parts.length !== 2) throw flagError(flag, text, `invalid taint spec: ${spec}`);
  const effect = parts[1];
  if (!EFFECTS.includes(effect)) {
    throw flagError(flag, text, `invalid taint effect: ${effect}, unsupported taint effect`);
  }
  const keyValue = parts[0].split("=");
  if (keyValue.length > 2 || keyValue[0] === "") {
    throw flagError(flag, text, `invalid taint spec: ${spec}`);
  }
  const taint: Taint = { key: keyValue[0], effect: effect as Taint["effect"] };
  if (keyValue.length === 2) taint.value = keyValue[1];
  return taint;
}

/**
 * Taints written `key=value:Effect,key:Effect`, with kubectl's messages for a bad one.
 *
 * @example
 * ```ts
 * import { parseTaintsFlag } from "./flags.ts";
 * parseTaintsFlag("dedicated=gpu:NoSchedule", "--taints");
 * // [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }]
 * ```
 */
export function parseTaintsFlag(text: string, flag: string): Taint[] {
  if (text === "") throw flagError(flag, text, "invalid taint spec: ");
  return text.split(",").map((spec) => parseTaint(spec, flag, text));
}
