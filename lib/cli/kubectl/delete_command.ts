/**
 * `kclone delete`: by file (`-f`), by kind and names (`pod web`, `deploy/web`), or by selector
 * (`pods -l app=web`, `pods --all`), printing `pod "web" deleted` as kubectl 1.32 does.
 * `--cascade=orphan` keeps what the objects own; background (the default) lets the garbage
 * collector delete it when the command settles.
 *
 * @module
 */
import type { Command } from "@commander-js/extra-typings";
import type { Cluster } from "../../cluster/cluster.ts";
import { ApiError } from "../../api/errors.ts";
import type { KindInfo } from "../../api/kinds.ts";
import { parseManifests } from "../../api/manifest.ts";
import { UsageError } from "../context.ts";
import { boolFlag, ErrorList, type Globals, run } from "./_command.ts";
import { collectFiles } from "./_manifest_files.ts";
import { kindName, listSelected, namespaceFor } from "./_objects.ts";
import { parseCascade } from "./cascade.ts";
import { readManifests } from "./read_manifests.ts";
import { kindArg, parseResourceArgs } from "./resource_args.ts";

/** One object to delete, and the file it was named in. */
interface Victim {
  info: KindInfo;
  name: string;
  namespace?: string;
  source?: string;
}

/** The objects named in manifest files: only kind, name and namespace matter. */
async function fromFiles(
  files: string[],
  recursive: boolean,
  namespace?: string,
): Promise<Victim[]> {
  const victims: Victim[] = [];
  for (const { source, text } of await readManifests(files, { recursive })) {
    for (const { object } of parseManifests(text, { source })) {
      const info = kindArg(String(object.kind));
      const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string };
      victims.push({
        info,
        name: metadata.name ?? "",
        namespace: namespaceFor(info, metadata.namespace ?? namespace),
        source,
      });
    }
  }
  return victims;
}

const MISSING = "You must provide one or more resources by argument or filename.";

/** What delete's arguments and flags select. */
interface Selection {
  selector?: string;
  all?: boolean;
  allNamespaces?: boolean;
  namespace?: string;
}

/** The objects named by kind and name, or picked by `-l` / `--all`, with kubectl's errors. */
async function namedVictims(
  cluster: Cluster,
  resources: string[],
  options: Selection = {},
): Promise<Victim[]> {
  const namespace = options.namespace;
  const selecting = options.selector !== undefined || options.all === true;
  if (resources.length === 0) throw new UsageError(MISSING);
  const { kinds, targets } = parseResourceArgs(resources);
  if (options.all && options.selector !== undefined) {
    throw new UsageError("cannot set --all and --selector at the same time");
  }
  if (selecting && targets.length > 0) {
    throw new UsageError(
      resources.some((r) => r.includes("/"))
        ? "selectors and the all flag cannot be used when passing resource/name arguments"
        : "name cannot be provided when a selector is specified",
    );
  }
  if (!selecting && targets.length === 0) {
    throw new UsageError("resource(s) were provided, but no name was specified");
  }
  return selecting
    ? (await listSelected(cluster, kinds, {
      namespace,
      allNamespaces: options.allNamespaces,
      selector: options.selector,
    })).map(({ info, object }) => ({
      info,
      name: object.metadata.name!,
      namespace: object.metadata.namespace,
    }))
    : targets.map(({ info, name }) => ({
      info,
      name,
      namespace: namespaceFor(info, namespace),
    }));
}

/** Registers `delete`. */
export function registerDelete(program: Command, globals: Globals): void {
  program.command("delete")
    .description(
      "delete objects by file, by kind and name, or by selector (-l) or --all",
    )
    .argument("[resources...]", "TYPE NAME..., TYPE/NAME..., or TYPE with -l or --all")
    .option(
      "-f, --filename <file>",
      "file, directory or - for stdin (repeatable)",
      collectFiles,
      [],
    )
    .option("-R, --recursive", "process the directory used in -f recursively")
    .option("-l, --selector <selector>", "label selector, e.g. -l app=web")
    .option("--all", "delete all objects of the given kinds in the namespace")
    .option("-A, --all-namespaces", "with -l or --all: in every namespace")
    .option("--cascade <mode>", "background, orphan or foreground", "background")
    .option("--ignore-not-found", "treat a missing object as deleted")
    .option("--force", "with --grace-period=0: delete at once")
    .option("--grace-period <seconds>", "accepted for kubectl compatibility; deletion is immediate")
    .option("--now", "accepted for kubectl compatibility; deletion is immediate")
    .option("--wait [bool]", "accepted for kubectl compatibility; deletion is immediate")
    .option("-o, --output <format>", "name: print kind/name only")
    .exitOverride()
    .action((resources, options) =>
      run(globals, async (cluster, out, g) => {
        boolFlag(options.wait, resources);
        const cascade = parseCascade(options.cascade);
        for (const warning of cascade.warnings) out.err(warning);
        const force = options.force && options.gracePeriod === "0";
        if (force) {
          out.err(
            "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.",
          );
        }
        let victims: Victim[];
        const selecting = options.selector !== undefined || options.all === true;
        if (options.filename.length > 0) {
          if (resources.length > 0) {
            throw new UsageError(
              "when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well",
            );
          }
          victims = await fromFiles(options.filename, options.recursive ?? false, g.namespace);
        } else {
          victims = await namedVictims(cluster, resources, { ...options, namespace: g.namespace });
        }
        const errors = new ErrorList();
        for (const victim of victims) {
          try {
            await cluster.delete(victim.info.kind, victim.name, {
              namespace: victim.namespace,
              propagationPolicy: cascade.policy,
            });
            const what = kindName(victim.info);
            out.out(
              options.output === "name"
                ? `${what}/${victim.name}`
                : `${what} "${victim.name}" ${force ? "force deleted" : "deleted"}`,
            );
          } catch (error) {
            if (
              options.ignoreNotFound && error instanceof ApiError && error.reason === "NotFound"
            ) continue;
            errors.add(error, victim.source ? `error when deleting "${victim.source}": ` : "");
          }
        }
        if (selecting && victims.length === 0) out.out("No resources found");
        await cluster.settle();
        errors.finish(out);
      })
    );
}
