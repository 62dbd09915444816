/**
 * The message of a pod that fits nowhere, built as kube-scheduler's FitError builds it.
 *
 * @module
 */

/** kube-scheduler's message when the cluster has no nodes at all (ErrNoNodesAvailable). */
export const NO_NODES_AVAILABLE = "no nodes available to schedule pods";

/**
 * `0/<total> nodes are available: ` followed by one `<count> <reason>` per reason, sorted as
 * strings, joined with `, `, and a period. Preemption is not part of kclone, so Kubernetes'
 * trailing `preemption: ...` sentence is left out.
 *
 * @example
 * ```ts
 * import { formatUnschedulableMessage } from "./unschedulable_message.ts";
 * formatUnschedulableMessage(3, {
 *   "Insufficient cpu": 2,
 *   "node(s) had untolerated taint {dedicated: gpu}": 1,
 * });
 * // "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu."
 * ```
 */
export function formatUnschedulableMessage(
  total: number,
  reasonCounts: Readonly<Record<string, number>>,
): string {
  const message = `0/${total} nodes are available:`;
  const parts = Object.keys(reasonCounts).map((reason) => `${reasonCounts[reason]} ${reason}`);
  if (parts.length === 0) return message;
  // Go's sort.Strings orders by bytes; so does comparing with < on these ASCII strings.
  parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `${message} ${parts.join(", ")}.`;
}
