/**
 * `kclone scale deployment/web --replicas N` (or `scale deployment web --replicas=N`): sets
 * spec.replicas of Deployments and ReplicaSets, printing `deployment.apps/web scaled`, then
 * settles so the pods follow.
 *
 * @module
 */
import type { Command } from "@commander-js/extra-typings";
import { ApiError } from "../../api/errors.ts";
import { objectRef } from "../../api/kinds.ts";
import type { Deployment } from "../../api/types.ts";
import { retryOnRace } from "../../cluster/service_writes.ts";
import { UsageError } from "../context.ts";
import { ErrorList, type Globals, run } from "./_command.ts";
import { chooseTargets, mustGet } from "./_objects.ts";
import { parseResourceArgs } from "./resource_args.ts";

/** A non-negative replica count from a flag, or kubectl's message. */
export function replicaCount(value: string | undefined, flag = "--replicas"): number {
  if (value === undefined) throw new UsageError(`required flag(s) "${flag.slice(2)}" not set`);
  if (!/^[-+]?\d+$/.test(value)) {
    throw new UsageError(
      `invalid argument "${value}" for "${flag}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`,
    );
  }
  return Number(value);
}

const SCALABLE = new Set(["Deployment", "ReplicaSet"]);

/** Registers `scale`. */
export function registerScale(program: Command, globals: Globals): void {
  program.command("scale")
    .description("set the number of replicas of a deployment or replica set")
    .argument("[resources...]", "TYPE NAME or TYPE/NAME, e.g. deployment/web")
    .option("--replicas <count>", "the new desired number of replicas (required)")
    .option("--current-replicas <count>", "only scale when the current size is this")
    .option("-l, --selector <selector>", "label selector")
    .option("--all", "every object of the given kinds in the namespace")
    .exitOverride()
    .action((resources, options) =>
      run(globals, async (cluster, out, g) => {
        const replicas = replicaCount(options.replicas);
        if (replicas < 0) {
          throw new UsageError(
            "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0",
          );
        }
        const current = options.currentReplicas === undefined
          ? undefined
          : replicaCount(options.currentReplicas, "--current-replicas");
        if (resources.length === 0) throw new UsageError("required resource not specified");
        const chosen = await chooseTargets(cluster, parseResourceArgs(resources), {
          namespace: g.namespace,
          selector: options.selector,
          all: options.all,
        });
        const errors = new ErrorList();
        for (const { info, name } of chosen) {
          try {
            if (!SCALABLE.has(info.kind)) {
              throw new ApiError(
                "NotFound",
                404,
                "the server could not find the requested resource",
              );
            }
            const scaled = await retryOnRace(async () => {
              const object = await mustGet(cluster, {
                info,
                name,
                namespace: g.namespace,
              }) as Deployment;
              const was = object.spec.replicas ?? 1;
              if (current !== undefined && current !== was) {
                throw new UsageError(`Expected replicas to be ${current}, was ${was}`);
              }
              object.spec.replicas = replicas;
              return await cluster.update(object);
            });
            out.out(`${objectRef(scaled)} scaled`);
          } catch (error) {
            errors.add(error);
          }
        }
        await cluster.settle();
        errors.finish(out);
      })
    );
}
