import type { CommandRegistration } from "../commands/_registration.ts";
import { inCluster, settle } from "./_command.ts";
import { evictionReport } from "./eviction_report.ts";
import { parseLabelsFlag, parseTaintsFlag } from "./flags.ts";
import { nodeObject } from "./node_object.ts";
import { nodeStatusText } from "./node_status.ts";
import { nodesTable } from "./nodes_table.ts";
import { parseCpuFlag, parseIntegerFlag, parseMemoryFlag } from "./number_flags.ts";

/** `node-add`, `nodes` and `remove-node`: simulated machines that join and leave. */
export const registerNodeCommands: CommandRegistration = (program, globals) => {
  program.command("node-add")
    .aliases(["node", "n"])
    .description("add a simulated node")
    .argument("<name>", "node name")
    .option("-c, --cpu <cores>", "CPU cores (a quantity: 4, 2.5, 500m)", "4")
    .option("-m, --mem <MiB>", "memory in MiB (or a quantity: 8Gi)", "4096")
    .option("-l, --labels <k=v,k=v>", "node labels")
    .option("--taints <k=v:Effect,k=v:Effect>", "taints: NoSchedule, PreferNoSchedule or NoExecute")
    .option("--pods <count>", "how many pods fit on the node", "110")
    .action(async (name, flags) => {
      const node = nodeObject(name, {
        cpu: parseCpuFlag(flags.cpu, "--cpu"),
        memory: parseMemoryFlag(flags.mem, "--mem"),
        pods: parseIntegerFlag(flags.pods, "--pods", { min: 0 }),
        labels: flags.labels === undefined ? undefined : parseLabelsFlag(flags.labels, "--labels"),
        taints: flags.taints === undefined ? undefined : parseTaintsFlag(flags.taints, "--taints"),
      });
      await inCluster(globals(), async (scope) => {
        await scope.cluster.create(node);
        await settle(scope);
        const added = await scope.cluster.get("Node", name) ?? node;
        const { cpu, memory, pods } = added.status?.capacity ?? {};
        scope.out.out(`node/${name} created`);
        scope.out.out(`  cpu ${cpu}, memory ${memory}, pods ${pods}; ${nodeStatusText(added)}`);
      });
    });

  program.command("nodes")
    .description("list nodes with their status and usage (requested/allocatable)")
    .action(async () => {
      await inCluster(globals(), async ({ cluster, out }) => {
        out.out(nodesTable(await cluster.list("Node"), await cluster.nodeUsage()));
      });
    });

  program.command("remove-node")
    .aliases(["node-delete", "node-rm", "rm-node"])
    .description("remove a node: its pods are evicted and replaced on other nodes")
    .argument("<name>", "node name")
    .action(async (name) => {
      await inCluster(globals(), async (scope) => {
        const before = await scope.cluster.list("Pod");
        await scope.cluster.delete("Node", name);
        await settle(scope);
        const after = await scope.cluster.list("Pod");
        scope.out.out(`node/${name} deleted`);
        const evicted = before.filter((p) => p.spec.nodeName === name);
        for (const line of evictionReport(evicted, before, after)) scope.out.out(line);
      });
    });
};
