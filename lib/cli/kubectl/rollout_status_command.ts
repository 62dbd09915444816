/**
 * `kclone rollout status deployment/NAME`: settles first (a short-lived process runs the control
 * loop itself), then prints kubectl's lines until the rollout is done or `--timeout` passes.
 *
 * @module
 */
import type { Command } from "@commander-js/extra-typings";
import type { Deployment, Pod } from "../../api/types.ts";
import { UsageError } from "../context.ts";
import { boolFlag, type Globals, run } from "./_command.ts";
import { mustGet } from "./_objects.ts";
import { parseDuration } from "./duration.ts";
import { parseResourceArgs, type ResourceTarget } from "./resource_args.ts";
import { deploymentRolloutStatus } from "./rollout_status.ts";

/** How long kclone waits by default; kubectl waits forever, a short-lived process should not. */
const DEFAULT_TIMEOUT = "5m";
/** Real time between looks while a rollout is still going. */
const POLL_MS = 200;

/** The Deployments named, or kubectl's error for a kind that has no rollouts (`what`). */
export function deploymentTargets(
  resources: string[],
  what: (kind: string) => string,
): ResourceTarget[] {
  if (resources.length === 0) throw new UsageError("required resource not specified");
  const { targets } = parseResourceArgs(resources);
  if (targets.length === 0) {
    throw new UsageError("resource(s) were provided, but no name was specified");
  }
  for (const { info } of targets) {
    if (info.kind !== "Deployment") {
      throw new UsageError(what(info.group ? `${info.kind}.${info.group}` : info.kind));
    }
  }
  return targets;
}

/** Adds the `rollout status` subcommand. */
export function addRolloutStatus(rollout: Command, globals: Globals): void {
  rollout.command("status")
    .description("wait for a deployment's rollout to finish, printing its progress")
    .argument("[resources...]", "deployment/NAME")
    .option("--revision <n>", "pin to a specific revision for showing its status")
    .option(
      "--timeout <duration>",
      "how long to wait, e.g. 30s or 2m (0: wait as long as kclone's default)",
      DEFAULT_TIMEOUT,
    )
    .option(
      "-w, --watch [bool]",
      "watch the status until the rollout ends (--watch=false: look once)",
      "true",
    )
    .exitOverride()
    .action((resources, options) =>
      run(globals, async (cluster, out, g) => {
        const timeout = parseDuration(options.timeout) || parseDuration(DEFAULT_TIMEOUT);
        const revision = options.revision === undefined ? 0 : Number(options.revision);
        if (!Number.isInteger(revision)) {
          throw new UsageError(`invalid argument "${options.revision}" for "--revision" flag`);
        }
        const watch = boolFlag(options.watch, resources);
        const targets = deploymentTargets(resources, (k) =>
          `no status viewer has been implemented for ${k}`);
        const deadline = Date.now() + timeout;
        await cluster.settle();
        for (const { info, name } of targets) {
          let shown = "";
          for (;;) {
            const deployment = await mustGet(cluster, {
              info,
              name,
              namespace: g.namespace,
            }) as Deployment;
            const pods = await cluster.list("Pod", {
              namespace: deployment.metadata.namespace,
              labelSelector: deployment.spec.selector,
            }) as Pod[];
            const status = deploymentRolloutStatus(deployment, { revision, pods });
            if (status.message !== shown) {
              out.out(status.message);
            }
            shown = status.message;
            if (status.done || !watch) {
              break;
            }
            if (Date.now() >= deadline) {
              throw new UsageError("timed out waiting for the condition");
            }
            await new Promise((resolve) =>
              setTimeout(resolve, Math.min(POLL_MS, deadline - Date.now()))
            );
            await cluster.settle();
          }
        }
      })
    );
}
