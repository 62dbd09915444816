import { formatCpu } from "../api/quantity.ts";
import type { NodeUsage } from "../cluster/node_usage.ts";

/** Nodes as bars filling up with CPU requests: the picture of bin-packing. */
export function nodeBars(nodes: readonly NodeUsage[], width = 16): string[] {
  const nameWidth = Math.max(...nodes.map((n) => n.name.length));
  return nodes.map((node) => {
    const { requested, allocatable } = node.cpu;
    const filled = allocatable > 0 ? Math.round((requested / allocatable) * width) : 0;
    const bar = "█".repeat(Math.min(filled, width)) + "░".repeat(Math.max(width - filled, 0));
    const state = node.ready === "True" ? "" : `  (Ready=${node.ready})`;
    return `${node.name.padEnd(nameWidth)}  ${bar}  ${formatCpu(requested)}/${
      formatCpu(allocatable)
    } cpu, ${node.pods.requested} pods${state}`;
  });
}
