/**
 * The scheduler's explanation of a placement (or of a Pending pod) as tables: every examined
 * node against every filter plugin, every feasible node against every score plugin.
 *
 * @module
 */
import type { PluginScoreExplanation, ScheduleExplanation } from "../../scheduler/types.ts";
import { formatTable } from "../table.ts";
import { paint } from "./colour.ts";

/** Options of explainScheduleLines(). */
export interface ExplainOptions {
  /** Why the pod is Pending, e.g. the PodScheduled condition's message. */
  message?: string;
  /** Colour passes green, failures red, the chosen node bold. */
  color?: boolean;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The filter table: `✓` where a plugin passed a node, its reason where it failed, `-` not run. */
function filterTable(e: ScheduleExplanation, color: boolean): string {
  const plugins = e.filters.plugins;
  const rows: [string, string[]][] = [
    ...e.filters.passed.map((
      node,
    ): [string, string[]] => [node, plugins.map(() => paint("✓", "green", color))]),
    ...e.filters.failed.map(({ node, statuses }): [string, string[]] => [
      node,
      plugins.map((plugin) => {
        const status = statuses.find((s) => s.plugin === plugin);
        if (!status) return "-";
        if (status.code === "Success") return paint("✓", "green", color);
        return paint(status.reasons.join(", ") || status.code, "red", color);
      }),
    ]),
  ];
  rows.sort((a, b) => byName(a[0], b[0]));
  return formatTable(["NODE", ...plugins], rows.map(([node, cells]) => [node, ...cells]));
}

/** The score table, best total first: `raw→weighted` per plugin, then TOTAL. */
function scoreTable(e: ScheduleExplanation, color: boolean): string {
  const { nodes, plugins, total } = e.scores;
  const order = nodes.map((_, i) => i).sort((a, b) =>
    total[b] - total[a] || byName(nodes[a], nodes[b])
  );
  const rows = order.map((i) => {
    const name = nodes[i] === e.chosen ? paint(nodes[i], "bold", color) : nodes[i];
    const cell = (p: PluginScoreExplanation) =>
      p.normalized[i] === p.raw[i]
        ? `${p.raw[i]}→${p.weighted[i]}`
        : `${p.raw[i]}→${p.normalized[i]}→${p.weighted[i]}`;
    return [name, ...plugins.map(cell), String(total[i])];
  });
  return formatTable(["NODE", ...plugins.map((p) => `${p.plugin} ×${p.weight}`), "TOTAL"], rows);
}

/**
 * `kclone explain-schedule POD`: the pod, the chosen node (or why none), the sampling sentence,
 * the filter table and the score table.
 */
export function explainScheduleLines(
  explanation: ScheduleExplanation,
  options: ExplainOptions = {},
): string[] {
  const e = explanation;
  const color = options.color ?? false;
  const chosen = e.chosen
    ? paint(e.chosen, "bold", color)
    : paint(`<none>${options.message ? `: ${options.message}` : ""}`, "red", color);
  const lines = [
    `Pod:       ${e.pod}`,
    `Node:      ${chosen}`,
    `Strategy:  ${e.strategy} (NodeResourcesFit)`,
    `Sampling:  ${e.sampling}`,
    `Nodes:     ${e.nodesTotal} schedulable, ${e.nodesExamined} examined, ${e.nodesFeasible} feasible`,
  ];
  if (!e.detailed) return [...lines, "", "Per-node results were not recorded for this attempt."];
  lines.push("", `Filters (${e.filters.plugins.length} plugins, in order; - means not run):`);
  lines.push(...filterTable(e, color).split("\n"));
  if (e.filters.skipped.length > 0) {
    lines.push(`Skipped (nothing to check for this pod): ${e.filters.skipped.join(", ")}`);
  }
  lines.push("");
  if (e.scores.nodes.length === 0) lines.push("Scores: no feasible node to score.");
  else {
    lines.push(
      "Scores (raw→weighted per plugin, raw→normalized→weighted where the plugin normalizes; the highest TOTAL wins):",
    );
    lines.push(...scoreTable(e, color).split("\n"));
    if (e.scores.skipped.length > 0) lines.push(`Not scoring: ${e.scores.skipped.join(", ")}`);
  }
  if (e.omitted && (e.omitted.passed > 0 || e.omitted.failed > 0)) {
    lines.push(
      `(${e.omitted.passed} more feasible and ${e.omitted.failed} more failed nodes not shown)`,
    );
  }
  return lines;
}

/**
 * The `Scheduling:` block kclone adds to `describe pod`: strategy, counts, the sampling sentence,
 * the chosen node with its score and, grouped by reason, the nodes that were rejected.
 */
export function schedulingSummaryLines(explanation: ScheduleExplanation): string[] {
  const e = explanation;
  const index = e.chosen ? e.scores.nodes.indexOf(e.chosen) : -1;
  const score = index >= 0 ? ` (score ${e.scores.total[index]})` : "";
  const lines = [
    "Scheduling:",
    `  Strategy:\t${e.strategy}`,
    `  Nodes:\t${e.nodesTotal} schedulable, ${e.nodesExamined} examined, ${e.nodesFeasible} feasible`,
    `  Sampling:\t${e.sampling}`,
    `  Chosen:\t${e.chosen ? `${e.chosen}${score}` : "<none>"}`,
  ];
  const groups = new Map<string, string[]>();
  for (const { node, statuses } of e.filters.failed) {
    const last = statuses[statuses.length - 1];
    const key = `${last?.plugin}: ${last?.reasons.join(", ")}`;
    groups.set(key, [...(groups.get(key) ?? []), node]);
  }
  [...groups].forEach(([reason, nodes], i) => {
    const names = nodes.length > 3
      ? `${nodes.slice(0, 3).join(", ")}, +${nodes.length - 3} more`
      : nodes.join(", ");
    lines.push(`${i === 0 ? "  Rejected:" : ""}\t${reason} (${names})`);
  });
  return lines;
}
