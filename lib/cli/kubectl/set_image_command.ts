/**
 * `kclone set image deployment/web web=nginx:1.28`: changes container images in pod templates
 * (or pods), printing `deployment.apps/web image updated`; the rollout follows when it settles.
 *
 * @module
 */
import type { Command } from "@commander-js/extra-typings";
import { objectRef } from "../../api/kinds.ts";
import type { AnyObject, Deployment, Pod } from "../../api/types.ts";
import { retryOnRace } from "../../cluster/service_writes.ts";
import { UsageError } from "../context.ts";
import { ErrorList, type Globals, run } from "./_command.ts";
import { chooseTargets, mustGet } from "./_objects.ts";
import { parseImageSpecs, updateImages } from "./image_update.ts";
import { splitResourcesAndPairs } from "./pair_args.ts";
import { parseResourceArgs } from "./resource_args.ts";

/** The pod spec of an object that has one, or undefined. */
function podSpecOf(object: AnyObject) {
  if (object.kind === "Pod") return (object as Pod).spec;
  if (object.kind === "Deployment" || object.kind === "ReplicaSet") {
    return (object as Deployment).spec.template.spec;
  }
  return undefined;
}

/** Adds `set` with its `image` subcommand. */
export function registerSetImage(program: Command, globals: Globals): void {
  const set = program.command("set").description("change a field of objects (image)")
    .exitOverride();
  set.command("image")
    .description("change container images: CONTAINER=IMAGE (* for all)")
    .argument("[args...]", "TYPE NAME or TYPE/NAME, then CONTAINER=IMAGE ...")
    .option("-l, --selector <selector>", "label selector")
    .option("--all", "every object of the given kinds in the namespace")
    .exitOverride()
    .action((args, options) =>
      run(globals, async (cluster, out, g) => {
        const { resources, pairs } = splitResourcesAndPairs(args, { pairType: "image" });
        if (resources.length === 0) {
          throw new UsageError(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>",
          );
        }
        const images = parseImageSpecs(pairs);
        const chosen = await chooseTargets(cluster, parseResourceArgs(resources), {
          namespace: g.namespace,
          selector: options.selector,
          all: options.all,
        });
        const errors = new ErrorList();
        for (const { info, name } of chosen) {
          try {
            const { updated, messages } = await retryOnRace(async () => {
              const object = await mustGet(cluster, { info, name, namespace: g.namespace });
              const spec = podSpecOf(object);
              if (!spec) {
                throw new UsageError(
                  `${
                    objectRef(object)
                  } the object is not a pod or does not have a pod template: *v1.${object.kind}`,
                );
              }
              const update = updateImages(spec, images);
              const messages = update.errors;
              if (!update.changed) return { updated: undefined, messages };
              if (object.kind === "Pod") (object as Pod).spec = update.spec;
              else (object as Deployment).spec.template.spec = update.spec;
              return { updated: await cluster.update(object), messages };
            });
            for (const message of messages) errors.addLine(`error: ${message}`);
            if (updated) out.out(`${objectRef(updated)} image updated`);
          } catch (error) {
            errors.add(error);
          }
        }
        await cluster.settle();
        errors.finish(out);
      })
    );
}
