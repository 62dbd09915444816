/**
 * `kclone rollout status|history|undo deployment/NAME`: a rollout's progress, its revisions, and
 * a rollback, printed as kubectl prints them.
 *
 * @module
 */
import type { Command } from "@commander-js/extra-typings";
import { objectRef } from "../../api/kinds.ts";
import type { Deployment, ReplicaSet } from "../../api/types.ts";
import { planRollback, RollbackError, rolloutHistory } from "../../controllers/rollback.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import { UsageError } from "../context.ts";
import { type Globals, run } from "./_command.ts";
import { mustGet } from "./_objects.ts";
import type { ResourceTarget } from "./resource_args.ts";
import { rolloutHistoryText } from "./rollout_history_text.ts";
import { addRolloutStatus, deploymentTargets } from "./rollout_status_command.ts";

async function history(cluster: Cluster, target: ResourceTarget, namespace?: string) {
  const deployment = await mustGet(cluster, { ...target, namespace }) as Deployment;
  const replicaSets = await cluster.list("ReplicaSet", {
    namespace: deployment.metadata.namespace,
  });
  return { deployment, replicaSets: replicaSets as ReplicaSet[] };
}

/** A whole number ≥ 0 from a flag, or kubectl's message. */
function revisionFlag(value: string | undefined, flag: string): number {
  if (value === undefined) return 0;
  if (!/^-?\d+$/.test(value)) {
    throw new UsageError(
      `invalid argument "${value}" for "${flag}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`,
    );
  }
  return Number(value);
}

function addHistory(rollout: Command, globals: Globals): void {
  rollout.command("history")
    .description("list a deployment's revisions, or show one (--revision N)")
    .argument("[resources...]", "deployment/NAME")
    .option("--revision <n>", "see the details, including the pod template, of this revision")
    .exitOverride()
    .action((resources, options) =>
      run(globals, async (cluster, out, g) => {
        const revision = revisionFlag(options.revision, "--revision");
        if (revision < 0) throw new UsageError(`revision must be a positive integer: ${revision}`);
        const targets = deploymentTargets(resources, (k) =>
          `no history viewer has been implemented for "${k}"`);
        for (const target of targets) {
          const { deployment, replicaSets } = await history(cluster, target, g.namespace);
          const lines = rolloutHistoryText(
            objectRef(deployment),
            rolloutHistory(deployment, replicaSets),
            { revision },
          );
          for (const line of lines) {
            out.out(line);
          }
        }
      })
    );
}

function addUndo(rollout: Command, globals: Globals): void {
  rollout.command("undo")
    .description("roll a deployment back to the previous revision (or --to-revision N)")
    .argument("[resources...]", "deployment/NAME")
    .option("--to-revision <n>", "the revision to roll back to (default: the previous one)")
    .exitOverride()
    .action((resources, options) =>
      run(globals, async (cluster, out, g) => {
        const toRevision = revisionFlag(options.toRevision, "--to-revision");
        const targets = deploymentTargets(resources, (k) =>
          `no rollbacker has been implemented for "${k}"`);
        for (const target of targets) {
          const { deployment, replicaSets } = await history(cluster, target, g.namespace);
          try {
            const plan = planRollback(deployment, replicaSets, toRevision);
            if (!plan.skipped) {
              await cluster.rollback(target.name, toRevision, {
                namespace: deployment.metadata.namespace,
              });
            }
            out.out(`${objectRef(deployment)} ${plan.message}`);
          } catch (error) {
            if (error instanceof RollbackError) {
              throw new UsageError(error.message);
            }
            throw error;
          }
        }
        await cluster.settle();
      })
    );
}

/** Registers `rollout` and its subcommands. */
export function registerRollout(program: Command, globals: Globals): void {
  const rollout = program.command("rollout").description(
    "follow, list and undo the rollouts of a deployment",
  )
    .exitOverride();
  for (const add of [addRolloutStatus, addHistory, addUndo]) add(rollout, globals);
}
