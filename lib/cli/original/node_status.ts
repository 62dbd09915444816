import type { Node } from "../../api/types.ts";

/**
 * A node's STATUS as kubectl prints it: `Ready`, `NotReady` (Ready False or Unknown), `Unknown`
 * before the node's first status, with `,SchedulingDisabled` when cordoned.
 */
export function nodeStatusText(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  const status = [ready ? (ready.status === "True" ? "Ready" : "NotReady") : "Unknown"];
  if (node.spec?.unschedulable) status.push("SchedulingDisabled");
  return status.join(",");
}
