/**
 * `kclone cordon NODE` / `kclone uncordon NODE`: marks nodes unschedulable or schedulable again,
 * printing `node/node-a cordoned` (or `already cordoned`) as kubectl does.
 *
 * @module
 */
import type { Command } from "@commander-js/extra-typings";
import type { Node } from "../../api/types.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import { retryOnRace } from "../../cluster/service_writes.ts";
import { UsageError } from "../context.ts";
import { ErrorList, type Globals, run } from "./_command.ts";
import { mustGet } from "./_objects.ts";
import { nodeNames } from "./_node_names.ts";
import { kindArg } from "./resource_args.ts";

/** Options of cordonNode. */
export interface CordonOptions {
  /** Make the node schedulable again (`uncordon`). */
  uncordon?: boolean;
}

/**
 * Sets spec.unschedulable of one node and returns kubectl's line: `node/node-a cordoned`, or
 * `already cordoned` when there was nothing to do (`uncordoned` with `uncordon`).
 */
export async function cordonNode(
  cluster: Cluster,
  name: string,
  options: CordonOptions = {},
): Promise<string> {
  const desired = !options.uncordon;
  const verb = desired ? "cordoned" : "uncordoned";
  const changed = await retryOnRace(async () => {
    const node = await mustGet(cluster, { info: kindArg("node"), name }) as Node;
    if ((node.spec?.unschedulable ?? false) === desired) return false;
    const spec = { ...node.spec };
    if (desired) spec.unschedulable = true;
    else delete spec.unschedulable;
    await cluster.update({ ...node, spec });
    return true;
  });
  return `node/${name} ${changed ? verb : `already ${verb}`}`;
}

/** Registers `cordon` and `uncordon`. */
export function registerCordon(program: Command, globals: Globals): void {
  for (const desired of [true, false]) {
    program.command(desired ? "cordon" : "uncordon")
      .description(
        desired
          ? "mark nodes unschedulable: new pods go elsewhere"
          : "mark nodes schedulable again",
      )
      .argument("[nodes...]", "node names")
      .option("-l, --selector <selector>", "label selector of the nodes")
      .exitOverride()
      .action((args, options) =>
        run(globals, async (cluster, out) => {
          const names = await nodeNames(cluster, args, { selector: options.selector });
          if (names.length === 0 && options.selector === undefined) {
            throw new UsageError(`USAGE: ${desired ? "cordon" : "uncordon"} NODE [flags]`);
          }
          const errors = new ErrorList();
          for (const name of names) {
            try {
              out.out(await cordonNode(cluster, name, { uncordon: !desired }));
            } catch (error) {
              errors.add(error);
            }
          }
          await cluster.settle();
          errors.finish(out);
        })
      );
  }
}
