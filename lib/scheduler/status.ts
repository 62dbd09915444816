/**
 * Statuses: the Skip marker a pre-hook returns, and frozen PluginStatus values that plugins build
 * once and return for every node, so that filtering allocates nothing per node.
 *
 * @module
 */
import type { PluginName, PluginStatus, StatusCode } from "./types.ts";

/** Returned by `preFilter`/`preScore` when a plugin has nothing to do for a pod. */
export const SKIP: unique symbol = Symbol("Skip");

/** The type of SKIP. */
export type Skip = typeof SKIP;

/** A frozen failing status with the given reasons. */
export function unschedulable(
  plugin: PluginName,
  reasons: readonly string[],
  code: Exclude<StatusCode, "Success"> = "Unschedulable",
): PluginStatus {
  return Object.freeze({ plugin, code, reasons: Object.freeze([...reasons]) });
}

const successes = new Map<PluginName, PluginStatus>();

/** The frozen Success status of a plugin. */
export function success(plugin: PluginName): PluginStatus {
  let status = successes.get(plugin);
  if (!status) {
    status = Object.freeze({ plugin, code: "Success" as const, reasons: Object.freeze([]) });
    successes.set(plugin, status);
  }
  return status;
}
