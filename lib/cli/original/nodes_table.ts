import { formatCpu, formatMemory } from "../../api/quantity.ts";
import type { Node } from "../../api/types.ts";
import type { NodeUsage } from "../../cluster/node_usage.ts";
import { formatTable } from "../table.ts";
import { nodeStatusText } from "./node_status.ts";

/**
 * The table of `nodes`: each node's status and how full it is, requested/allocatable CPU and
 * memory, and pods/capacity.
 *
 * @example
 * ```ts
 * import { nodesTable } from "./nodes_table.ts";
 * nodesTable([], []); // "No resources found."
 * ```
 */
export function nodesTable(nodes: readonly Node[], usage: readonly NodeUsage[]): string {
  if (usage.length === 0) return "No resources found.";
  const byName = new Map(nodes.map((n) => [n.metadata.name, n]));
  const rows = usage.map((u) => {
    const node = byName.get(u.name);
    return [
      u.name,
      node ? nodeStatusText(node) : "Unknown",
      `${formatCpu(u.cpu.requested)}/${formatCpu(u.cpu.allocatable)}`,
      `${formatMemory(u.memory.requested)}/${formatMemory(u.memory.allocatable)}`,
      `${u.pods.requested}/${u.pods.allocatable}`,
    ];
  });
  return formatTable(["NAME", "STATUS", "CPU(REQ/ALLOC)", "MEMORY(REQ/ALLOC)", "PODS"], rows);
}
