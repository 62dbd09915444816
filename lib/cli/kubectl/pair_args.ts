/**
 * kubectl's split of arguments into resources and changes (`k=v`, `k-`), as its
 * GetResourcesAndPairs does for label and set image, and its taint command for taints.
 *
 * @module
 */
import { UsageError } from "../context.ts";

/** The two halves of the arguments. */
export interface ResourcesAndPairs {
  /** The arguments before the first change. */
  resources: string[];
  /** The changes. */
  pairs: string[];
}

/** Options of splitResourcesAndPairs. */
export interface SplitPairsOptions {
  /** Word for the error message: `label`, `image`, `taint` (default `label`). */
  pairType?: string;
}

/** Whether an argument is a change rather than a resource; taints also count `key:Effect`. */
function isPair(arg: string, pairType: string): boolean {
  if (pairType === "taint") return arg.includes("=") || arg.includes(":") || arg.endsWith("-");
  return (arg.includes("=") && !arg.startsWith("=")) || (arg.endsWith("-") && arg !== "-");
}

/**
 * Splits arguments where the changes begin; every resource must come before them (kubectl's
 * `all resources must be specified before label changes: web`).
 *
 * @example
 * ```ts
 * import { splitResourcesAndPairs } from "./pair_args.ts";
 * splitResourcesAndPairs(["pod", "web", "app=web", "tier-"]);
 * // { resources: ["pod", "web"], pairs: ["app=web", "tier-"] }
 * ```
 */
export function splitResourcesAndPairs(
  args: readonly string[],
  options: SplitPairsOptions = {},
): ResourcesAndPairs {
  const pairType = options.pairType ?? "label";
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const arg of args) {
    if (isPair(arg, pairType)) pairs.push(arg);
    else if (pairs.length > 0) {
      throw new UsageError(`all resources must be specified before ${pairType} changes: ${arg}`);
    } else resources.push(arg);
  }
  return { resources, pairs };
}
