/**
 * `kubectl get nodes` columns.
 *
 * @module
 */
import type { Node } from "../../api/types.ts";
import { age } from "./age.ts";
import type { KindColumns } from "./columns.ts";

/**
 * A node's STATUS as kubectl prints it: `Ready` or `NotReady` from the Ready condition
 * (`Unknown` without one), then `SchedulingDisabled` when cordoned: `Ready,SchedulingDisabled`.
 */
export function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  const status = ready ? [ready.status === "True" ? "Ready" : "NotReady"] : ["Unknown"];
  if (node.spec?.unschedulable) status.push("SchedulingDisabled");
  return status.join(",");
}

/**
 * A node's roles, sorted: the `<role>` of each `node-role.kubernetes.io/<role>` label and the
 * value of a `kubernetes.io/role` label.
 */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith("node-role.kubernetes.io/")) {
      const role = key.slice("node-role.kubernetes.io/".length);
      if (role) roles.add(role);
    } else if (key === "kubernetes.io/role" && value) roles.add(value);
  }
  return [...roles].sort();
}

function address(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address || "<none>";
}

/**
 * Nodes: NAME STATUS ROLES AGE VERSION; `-o wide` adds INTERNAL-IP EXTERNAL-IP OS-IMAGE
 * KERNEL-VERSION CONTAINER-RUNTIME.
 */
export const nodeColumns: KindColumns<Node> = {
  headers: ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
  wideHeaders: [
    "NAME",
    "STATUS",
    "ROLES",
    "AGE",
    "VERSION",
    "INTERNAL-IP",
    "EXTERNAL-IP",
    "OS-IMAGE",
    "KERNEL-VERSION",
    "CONTAINER-RUNTIME",
  ],
  statusColumn: 1,
  row(node: Node, now: number, wide: boolean): string[] {
    const info = node.status?.nodeInfo ?? {};
    const cells = [
      node.metadata.name ?? "",
      nodeStatus(node),
      nodeRoles(node).join(",") || "<none>",
      age(node.metadata.creationTimestamp, now),
      info.kubeletVersion ?? "",
    ];
    if (!wide) return cells;
    return [
      ...cells,
      address(node, "InternalIP"),
      address(node, "ExternalIP"),
      info.osImage || "<unknown>",
      info.kernelVersion || "<unknown>",
      info.containerRuntimeVersion || "<unknown>",
    ];
  },
};
