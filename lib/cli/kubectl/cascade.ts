/**
 * `--cascade` of `kubectl delete`, mapped onto the propagation policies kclone has.
 *
 * @module
 */
import { UsageError } from "../context.ts";

/** What `--cascade` asks for. */
export interface Cascade {
  /** Background (the garbage collector deletes dependents) or Orphan (they are kept). */
  policy: "Background" | "Orphan";
  /** Lines for stderr, e.g. kubectl's deprecation warning for `--cascade=true`. */
  warnings: string[];
}

/**
 * Reads `--cascade` as kubectl does: background, orphan, foreground, or the deprecated booleans.
 * kclone deletes dependents in the background only, so foreground becomes background with a
 * warning. Throws UsageError with kubectl's message for anything else.
 *
 * @example
 * ```ts
 * import { parseCascade } from "./cascade.ts";
 * parseCascade("orphan").policy; // "Orphan"
 * ```
 */
export function parseCascade(value: string): Cascade {
  const deprecated = (replacement: string) =>
    `warning: --cascade=${value} is deprecated (boolean value) and can be replaced with --cascade=${replacement}.`;
  switch (value) {
    case "background":
      return { policy: "Background", warnings: [] };
    case "orphan":
      return { policy: "Orphan", warnings: [] };
    case "foreground":
      return {
        policy: "Background",
        warnings: [
          "Warning: kclone has no foreground deletion; dependents are deleted in the background",
        ],
      };
  }
  if (/^(1|t|T|TRUE|true|True)$/.test(value)) {
    return { policy: "Background", warnings: [deprecated("background")] };
  }
  if (/^(0|f|F|FALSE|false|False)$/.test(value)) {
    return { policy: "Orphan", warnings: [deprecated("orphan")] };
  }
  throw new UsageError(
    `invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`,
  );
}
