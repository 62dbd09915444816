/**
 * `kclone drain NODE`: cordons the node, then evicts its pods (deletes them; kclone has no
 * PodDisruptionBudgets), printing kubectl's lines, then settles so their ReplicaSets place
 * replacements on other nodes. DaemonSets do not exist here; `--ignore-daemonsets` is accepted.
 *
 * @module
 */
import type { Command } from "@commander-js/extra-typings";
import { ApiError } from "../../api/errors.ts";
import type { Pod } from "../../api/types.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import { type Output, UsageError } from "../context.ts";
import { failed, type Globals, run } from "./_command.ts";
import { nodeNames } from "./_node_names.ts";
import { cordonNode } from "./cordon_command.ts";
import { type DrainPlanOptions, planDrain } from "./drain_plan.ts";
import { aggregate } from "./label_update.ts";
import { matchesLabels, parseLabelSelector } from "../../api/label_selector.ts";

/** Options of drainNode. */
interface DrainOptions extends DrainPlanOptions {
  podSelector?: string;
  disableEviction?: boolean;
}

/** Evicts the pods of one node; returns the errors that stop the drain. */
async function drainNode(cluster: Cluster, name: string, options: DrainOptions, out: Output) {
  const selector = parseLabelSelector(options.podSelector ?? "");
  const pods = (await cluster.list("Pod", { fieldSelector: `spec.nodeName=${name}` }) as Pod[])
    .filter((pod) => matchesLabels(selector, pod.metadata.labels));
  const plan = planDrain(pods, options);
  if (plan.errors.length > 0) return plan.errors;
  if (plan.warnings) out.err(`Warning: ${plan.warnings}`);
  for (const pod of plan.pods) {
    out.out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}`);
  }
  for (const pod of plan.pods) {
    try {
      await cluster.delete("Pod", pod.metadata.name!, { namespace: pod.metadata.namespace });
    } catch (error) {
      if (!(error instanceof ApiError && error.reason === "NotFound")) throw error;
    }
    out.out(`pod/${pod.metadata.name} ${options.disableEviction ? "deleted" : "evicted"}`);
  }
  return [];
}

/** Registers `drain`. */
export function registerDrain(program: Command, globals: Globals): void {
  program.command("drain")
    .description("cordon a node and evict its pods, which are replaced elsewhere")
    .argument("[nodes...]", "node names")
    .option("--force", "also delete pods that no controller manages")
    .option("--ignore-daemonsets", "accepted for kubectl compatibility (kclone has no DaemonSets)")
    .option("--delete-emptydir-data", "also delete pods with emptyDir volumes")
    .option("--pod-selector <selector>", "only evict the pods with these labels")
    .option("--disable-eviction", "delete pods instead of evicting them (the same in kclone)")
    .option("-l, --selector <selector>", "label selector of the nodes")
    .option("--grace-period <seconds>", "accepted for kubectl compatibility; deletion is immediate")
    .option("--timeout <duration>", "accepted for kubectl compatibility; eviction is immediate")
    .exitOverride()
    .action((args, options) =>
      run(globals, async (cluster, out) => {
        const names = await nodeNames(cluster, args, { selector: options.selector });
        if (names.length === 0 && options.selector === undefined) {
          throw new UsageError("USAGE: drain NODE [flags]");
        }
        for (const name of names) out.out(await cordonNode(cluster, name));
        const drained: string[] = [];
        for (const name of names) {
          const errors = await drainNode(cluster, name, {
            force: options.force,
            deleteEmptyDirData: options.deleteEmptydirData,
            podSelector: options.podSelector,
            disableEviction: options.disableEviction,
          }, out);
          if (errors.length === 0) {
            out.out(`node/${name} drained`);
            drained.push(name);
            continue;
          }
          out.err(
            `error: unable to drain node "${name}" due to error: ${
              aggregate(errors)
            }, continuing command...`,
          );
          out.err("There are pending nodes to be drained:");
          for (const pending of names.filter((n) => !drained.includes(n))) out.err(` ${pending}`);
          for (const error of errors) out.err(error);
          await cluster.settle();
          failed();
        }
        await cluster.settle();
      })
    );
}
