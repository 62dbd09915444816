/**
 * `kclone apply -f FILE|DIR|-`: creates or updates objects from manifests as `kubectl apply`
 * does, printing `deployment.apps/web created|configured|unchanged`, then settles.
 *
 * @module
 */
import type { Command } from "@commander-js/extra-typings";
import { objectRef } from "../../api/kinds.ts";
import { locate } from "../../cluster/apply.ts";
import { LAST_APPLIED } from "../../cluster/apply_plan.ts";
import { checkNamespace } from "../../cluster/namespaces.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import type { Output } from "../context.ts";
import { type Globals, run } from "./_command.ts";
import { resourceName } from "./_objects.ts";
import type { LoadedManifest } from "./load_manifests.ts";
import { collectFiles, loadFiles } from "./_manifest_files.ts";
import { kindInfo } from "../../api/kinds.ts";
import type { Kind } from "../../api/types.ts";

/** Checks namespaces (planned ones count) and warns about objects apply did not create. */
async function preflight(cluster: Cluster, loaded: LoadedManifest[], out: Output): Promise<void> {
  const planned = new Set(
    loaded.filter((l) => l.object.kind === "Namespace").map((l) => l.object.metadata.name!),
  );
  for (const { document, object } of loaded) {
    try {
      await checkNamespace(cluster.store, object, planned);
    } catch (error) {
      throw locate(error, document, 2);
    }
    const namespace = kindInfo(object.kind)?.namespaced ? object.metadata.namespace : undefined;
    const current = await cluster.get(object.kind as Kind, object.metadata.name!, { namespace });
    if (current && current.metadata.annotations?.[LAST_APPLIED] === undefined) {
      const resource = resourceName(kindInfo(object.kind)!);
      out.err(
        `Warning: resource ${resource}/${object.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kclone apply. kclone apply should only be used on resources created declaratively by either kclone create --save-config or kclone apply. The missing annotation will be patched automatically.`,
      );
    }
  }
}

/** Registers `apply`. */
export function registerApply(program: Command, globals: Globals): void {
  program.command("apply")
    .description("create or update objects from manifests (files, directories, - for stdin)")
    .option(
      "-f, --filename <file>",
      "file, directory or - for stdin (repeatable)",
      collectFiles,
      [],
    )
    .option("-R, --recursive", "process the directory used in -f recursively")
    .exitOverride()
    .action((options) =>
      run(globals, async (cluster, out, g) => {
        const loaded = await loadFiles(options.filename, {
          recursive: options.recursive,
          namespace: g.namespace,
          verb: "apply",
        });
        await preflight(cluster, loaded, out);
        const results = await cluster.apply(loaded.map((l) => l.document.object));
        const warned = new Set<string>();
        for (const result of results) {
          for (const warning of result.warnings) {
            if (!warned.has(warning)) out.err(`Warning: ${warning}`);
            warned.add(warning);
          }
          out.out(`${objectRef(result.object)} ${result.action}`);
        }
        await cluster.settle();
      })
    );
}
