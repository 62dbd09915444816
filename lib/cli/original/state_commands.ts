import { type Progress, startProgress, stderrTarget } from "../progress_writer.ts";
import type { CommandRegistration } from "../commands/_registration.ts";
import { UsageError } from "../context.ts";
import { inCluster, settle } from "./_command.ts";
import { databaseContents } from "./database_contents.ts";
import { statusSummary } from "./status_summary.ts";

/** `status`, `state-save` and `state-load`: the cluster as a whole. */
export const registerStateCommands: CommandRegistration = (program, globals) => {
  program.command("status")
    .description("cluster CPU and memory (requested/allocatable/capacity), nodes, pods by phase")
    .action(async () => {
      await inCluster(globals(), async ({ cluster, out }) => {
        const lines = statusSummary(await cluster.list("Node"), await cluster.list("Pod"));
        for (const line of lines) out.out(line);
      });
    });

  program.command("state-save")
    .description("save every object of the cluster to a JSON file")
    .argument("<path>", "snapshot file to write")
    .action(async (path) => {
      await inCluster(globals(), async ({ cluster, out }) => {
        const saved = await cluster.saveSnapshot(path);
        out.out(`state saved to ${path} (${saved} objects)`);
      });
    });

  program.command("state-load")
    .description("replace the cluster with a JSON file from state-save")
    .argument("<path>", "snapshot file to read")
    .option("--force", "load into a database that is not empty, replacing what it holds")
    .action(async (path, flags) => {
      const options = globals();
      const db = options.etcd ? `etcd ${options.etcd.join(",")}` : options.db;
      await inCluster(options, async (scope) => {
        const contents = await databaseContents(scope.cluster.store);
        if (contents.length && !flags.force) {
          throw new UsageError(
            `${db} is not empty (${contents.join(", ")}); ` +
              `use --force to replace everything in it with ${path}`,
          );
        }
        let progress: Progress | undefined;
        let loaded = 0;
        await scope.cluster.loadSnapshot(path, {
          onProgress: (done, total) => {
            loaded = total;
            progress ??= startProgress(stderrTarget(), total, { label: "loading" });
            progress.update(done);
          },
        });
        progress?.finish();
        await settle(scope);
        scope.out.out(`state loaded from ${path} (${loaded} objects)`);
      });
    });
};
