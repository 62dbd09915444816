import { cpuMillis, formatCpu, formatMemory, memoryBytes } from "../../api/quantity.ts";
import type { Node, Pod, PodStatus } from "../../api/types.ts";
import { nodeUsage } from "../../cluster/node_usage.ts";
import { formatTable } from "../table.ts";
import { nodeStatusText } from "./node_status.ts";

const PHASES: readonly NonNullable<PodStatus["phase"]>[] = [
  "Pending",
  "Running",
  "Succeeded",
  "Failed",
  "Unknown",
];

function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.floor((part * 100) / whole)}%` : "-";
}

/** A count quantity (`110`) as a number: Quantity.Value(), as for bytes. */
const countOf = memoryBytes;

function capacityOf(nodes: readonly Node[], resource: string, parse: (q: string) => number) {
  return nodes.reduce((sum, n) => sum + parse(n.status?.capacity?.[resource] ?? "0"), 0);
}

/**
 * What `status` prints: the cluster's CPU, memory and pods (requested, allocatable, capacity and
 * the share requested), how many nodes are Ready, and the pods by phase.
 *
 * @example
 * ```ts
 * import { statusSummary } from "./status_summary.ts";
 * statusSummary([], []).slice(-2); // ["Nodes: 0 (0 Ready, 0 NotReady)", "Pods: 0 (Pending 0, Running 0, Succeeded 0, Failed 0, Unknown 0)"]
 * ```
 */
export function statusSummary(nodes: readonly Node[], pods: readonly Pod[]): string[] {
  const usage = nodeUsage(nodes, pods);
  const sum = (pick: (u: (typeof usage)[number]) => number) =>
    usage.reduce((total, u) => total + pick(u), 0);
  const cpu = [sum((u) => u.cpu.requested), sum((u) => u.cpu.allocatable)];
  const memory = [sum((u) => u.memory.requested), sum((u) => u.memory.allocatable)];
  const podCount = [sum((u) => u.pods.requested), sum((u) => u.pods.allocatable)];
  const rows = [
    ["cpu", ...cpu.map(formatCpu), formatCpu(capacityOf(nodes, "cpu", cpuMillis))],
    ["memory", ...memory.map(formatMemory), formatMemory(capacityOf(nodes, "memory", memoryBytes))],
    ["pods", ...podCount.map(String), String(capacityOf(nodes, "pods", countOf))],
  ];
  [cpu, memory, podCount].forEach(([requested, allocatable], i) =>
    rows[i].push(percent(requested, allocatable))
  );
  const ready = nodes.filter((n) => nodeStatusText(n).startsWith("Ready")).length;
  const phases = PHASES.map((phase) =>
    `${phase} ${pods.filter((p) => (p.status?.phase ?? "Pending") === phase).length}`
  );
  return [
    ...formatTable(["RESOURCE", "REQUESTED", "ALLOCATABLE", "CAPACITY", "USED"], rows).split("\n"),
    "",
    `Nodes: ${nodes.length} (${ready} Ready, ${nodes.length - ready} NotReady)`,
    `Pods: ${pods.length} (${phases.join(", ")})`,
  ];
}
