import type { CommandRegistration } from "../commands/_registration.ts";
import { type GlobalOptions, processOutput } from "../context.ts";
import { inCluster } from "./_command.ts";
import { showBanner } from "./banner.ts";
import { nodesTable } from "./nodes_table.ts";
import { statusSummary } from "./status_summary.ts";

/** Nodes shown by `up`, so that the summary fits on one screen. */
const SCREEN_NODES = 10;

/** The banner: animated on a terminal with colour, one plain print otherwise. */
function banner(globals: GlobalOptions): Promise<void> {
  const out = processOutput({ color: globals.color });
  return showBanner(out.out, { animate: out.isTerminal && out.color, color: out.color });
}

/** The banner, then the cluster on one screen: resources, nodes and pods, and the nodes' table. */
async function up(globals: GlobalOptions): Promise<void> {
  await banner(globals);
  await inCluster(globals, async ({ cluster, out }) => {
    const nodes = await cluster.list("Node");
    out.out();
    for (const line of statusSummary(nodes, await cluster.list("Pod"))) out.out(line);
    if (nodes.length === 0) return out.out("\nNo nodes yet: add one with `kclone node-add NAME`.");
    const usage = await cluster.nodeUsage();
    out.out();
    out.out(nodesTable(nodes, usage.slice(0, SCREEN_NODES)));
    const more = usage.length - SCREEN_NODES;
    if (more > 0) out.out(`... and ${more} more: see \`kclone nodes\``);
  });
}

/**
 * `up` and the global `--up`: `kclone --up COMMAND` shows the banner before the command (cli.ts
 * turns a bare `kclone --up` into `kclone up`).
 */
export const registerUpCommand: CommandRegistration = (program, globals) => {
  program.command("up")
    .description("show the kclone banner and a summary of the cluster")
    .action(() => up(globals()));
  program.hook("preSubcommand", async (_program, command) => {
    if (globals().up && command.name() !== "up") await banner(globals());
  });
};
