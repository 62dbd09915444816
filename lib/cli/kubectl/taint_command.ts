/**
 * `kclone taint NODE key=value:Effect [key:Effect-]`: adds, changes or removes node taints,
 * printing `node/node-a tainted` / `untainted` / `modified` as kubectl does; the scheduler and
 * taint eviction act on them when it settles.
 *
 * @module
 */
import type { Command } from "@commander-js/extra-typings";
import type { Node } from "../../api/types.ts";
import { retryOnRace } from "../../cluster/service_writes.ts";
import { UsageError } from "../context.ts";
import { ErrorList, type Globals, run } from "./_command.ts";
import { mustGet } from "./_objects.ts";
import { nodeNames } from "./_node_names.ts";
import { splitResourcesAndPairs } from "./pair_args.ts";
import { kindArg } from "./resource_args.ts";
import { parseTaintSpecs } from "./taint_spec.ts";
import { updateTaints } from "./taint_update.ts";

/** Registers `taint`. */
export function registerTaint(program: Command, globals: Globals): void {
  program.command("taint")
    .description("add (key=value:Effect) or remove (key:Effect-) node taints")
    .argument("[args...]", "[nodes] NODE... KEY=VALUE:EFFECT ... (a trailing - removes)")
    .option("--overwrite", "allow taints with the same key and effect to be replaced")
    .option("--all", "select all nodes in the cluster")
    .option("-l, --selector <selector>", "label selector of the nodes")
    .exitOverride()
    .action((args, options) =>
      run(globals, async (cluster, out) => {
        const { resources, pairs } = splitResourcesAndPairs(args, { pairType: "taint" });
        if (resources.length === 0 && !options.all && options.selector === undefined) {
          throw new UsageError("one or more resources must be specified as <resource> <name>");
        }
        if (pairs.length === 0) throw new UsageError("at least one taint update is required");
        const spec = parseTaintSpecs(pairs);
        if (options.all && options.selector !== undefined) {
          throw new UsageError("setting 'all' parameter with a non empty selector is prohibited");
        }
        const names = await nodeNames(cluster, resources, {
          selector: options.selector,
          all: options.all,
        });
        if (names.length === 0 && !options.all && options.selector === undefined) {
          throw new UsageError(
            "at least one resource name must be specified since 'all' parameter is not set",
          );
        }
        const errors = new ErrorList();
        for (const name of names) {
          try {
            const operation = await retryOnRace(async () => {
              const node = await mustGet(cluster, { info: kindArg("node"), name }) as Node;
              const update = updateTaints(node, spec, {
                overwrite: options.overwrite,
              });
              const nodeSpec = { ...node.spec };
              if (update.taints.length > 0) nodeSpec.taints = update.taints;
              else delete nodeSpec.taints;
              await cluster.update({ ...node, spec: nodeSpec });
              return update.operation;
            });
            out.out(`node/${name} ${operation}`);
          } catch (error) {
            errors.add(error);
          }
        }
        await cluster.settle();
        errors.finish(out);
      })
    );
}
