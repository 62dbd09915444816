import type { NodeLifecycleOptions } from "../../controllers/node_lifecycle.ts";
import { flagError } from "../original/flags.ts";
import { parseIntegerFlag } from "../original/number_flags.ts";
import { parseGoDuration } from "./go_duration.ts";

/** The node lifecycle flags as commander hands them over (strings, defaults filled in). */
export interface NodeLifecycleFlags {
  /** `--node-monitor-grace-period`, a Go duration (default `40s`). */
  nodeMonitorGracePeriod: string;
  /** `--default-unreachable-toleration-seconds`, whole seconds (default `300`). */
  defaultUnreachableTolerationSeconds: string;
}

/** Defaults of the flags, as kube-controller-manager and kube-apiserver have them. */
export const NODE_LIFECYCLE_FLAG_DEFAULTS: Readonly<NodeLifecycleFlags> = {
  nodeMonitorGracePeriod: "40s",
  defaultUnreachableTolerationSeconds: "300",
};

/**
 * The node lifecycle controller's options from `--node-monitor-grace-period` (a Go duration
 * above zero: `40s`, `1m30s`, `500ms`) and `--default-unreachable-toleration-seconds` (an integer,
 * 0 or more). A bad value throws a UsageError in cobra's words, e.g.
 * `invalid argument "40" for "--node-monitor-grace-period" flag: time: missing unit in duration "40"`.
 *
 * @example
 * ```ts
 * import { nodeLifecycleOptions } from "./node_lifecycle_flags.ts";
 * nodeLifecycleOptions({
 *   nodeMonitorGracePeriod: "1m30s",
 *   defaultUnreachableTolerationSeconds: "60",
 * }); // { nodeMonitorGracePeriodMs: 90000, defaultUnreachableTolerationSeconds: 60 }
 * ```
 */
export function nodeLifecycleOptions(flags: NodeLifecycleFlags): NodeLifecycleOptions {
  const graceFlag = "--node-monitor-grace-period";
  const grace = parseGoDuration(flags.nodeMonitorGracePeriod);
  if (!grace.ok) throw flagError(graceFlag, flags.nodeMonitorGracePeriod, grace.error);
  if (!(grace.ms > 0)) {
    throw flagError(graceFlag, flags.nodeMonitorGracePeriod, "must be greater than 0");
  }
  const toleration = parseIntegerFlag(
    flags.defaultUnreachableTolerationSeconds,
    "--default-unreachable-toleration-seconds",
    { min: 0 },
  );
  return { nodeMonitorGracePeriodMs: grace.ms, defaultUnreachableTolerationSeconds: toleration };
}
