/**
 * `kclone label KIND NAME key=value ... [key-] [--overwrite]`: changes labels, printing
 * `pod/web labeled` as kubectl does. Changing a label that has a value needs --overwrite.
 *
 * @module
 */
import type { Command } from "@commander-js/extra-typings";
import { objectRef } from "../../api/kinds.ts";
import { retryOnRace } from "../../cluster/service_writes.ts";
import { UsageError } from "../context.ts";
import { ErrorList, type Globals, run } from "./_command.ts";
import { chooseTargets, mustGet } from "./_objects.ts";
import { parseLabelSpecs } from "./label_spec.ts";
import { updateLabels } from "./label_update.ts";
import { splitResourcesAndPairs } from "./pair_args.ts";
import { parseResourceArgs } from "./resource_args.ts";

/** Registers `label`. */
export function registerLabel(program: Command, globals: Globals): void {
  program.command("label")
    .description("add, change (--overwrite) or remove (key-) labels")
    .argument("[args...]", "TYPE NAME... or TYPE/NAME..., then KEY=VALUE ... (KEY- removes)")
    .option("--overwrite", "allow labels that have a value to be changed")
    .option("-l, --selector <selector>", "label selector")
    .option("--all", "every object of the given kinds in the namespace")
    .option("-A, --all-namespaces", "with -l or --all: in every namespace")
    .exitOverride()
    .action((args, options) =>
      run(globals, async (cluster, out, g) => {
        const { resources, pairs } = splitResourcesAndPairs(args, { pairType: "label" });
        const spec = parseLabelSpecs(pairs);
        if (options.all && options.selector !== undefined) {
          throw new UsageError("cannot set --all and --selector at the same time");
        }
        if (resources.length === 0) {
          throw new UsageError(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
          );
        }
        if (pairs.length === 0) throw new UsageError("at least one label update is required");
        const chosen = await chooseTargets(cluster, parseResourceArgs(resources), {
          namespace: g.namespace,
          allNamespaces: options.allNamespaces,
          selector: options.selector,
          all: options.all,
        });
        const errors = new ErrorList();
        for (const { info, name, namespace } of chosen) {
          try {
            const { object, message, notFound } = await retryOnRace(async () => {
              const object = await mustGet(cluster, {
                info,
                name,
                namespace: namespace ?? g.namespace,
              });
              const update = updateLabels(object.metadata.labels, spec, {
                overwrite: options.overwrite,
              });
              if (update.message === "not labeled") return { ...update, object };
              const labels = Object.keys(update.labels).length > 0 ? update.labels : undefined;
              const metadata = { ...object.metadata, labels };
              if (!labels) delete metadata.labels;
              return { ...update, object: await cluster.update({ ...object, metadata }) };
            });
            for (const key of notFound) out.out(`label ${JSON.stringify(key)} not found.`);
            out.out(`${objectRef(object)} ${message}`);
          } catch (error) {
            errors.add(error);
          }
        }
        await cluster.settle();
        errors.finish(out);
      })
    );
}
