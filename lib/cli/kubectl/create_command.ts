/**
 * `kclone create -f FILE|DIR|-`: creates each object as `kubectl create -f` does; a name that is
 * taken is an error for that object (`Error from server (AlreadyExists): error when creating
 * "web.yaml": deployments.apps "web" already exists`) while the others are created.
 *
 * @module
 */
import type { Command } from "@commander-js/extra-typings";
import { objectRef } from "../../api/kinds.ts";
import type { AnyObject } from "../../api/types.ts";
import { admitObject, decodeObject } from "../../api/validation/mod.ts";
import { LAST_APPLIED } from "../../cluster/apply_plan.ts";
import { ErrorList, type Globals, run } from "./_command.ts";
import { collectFiles, loadFiles } from "./_manifest_files.ts";

/**
 * The object with the annotation `kubectl apply` keeps (`--save-config`), written as apply
 * writes it, so that a later apply of the same manifest finds it unchanged.
 */
function withSavedConfig(raw: Record<string, unknown>): AnyObject {
  const manifest = decodeObject(raw).object;
  const { annotations = {}, ...metadata } = manifest.metadata;
  const { [LAST_APPLIED]: _, ...kept } = annotations;
  const lastApplied = JSON.stringify({
    ...manifest,
    metadata: Object.keys(kept).length > 0 ? { ...metadata, annotations: kept } : metadata,
  });
  const object = admitObject(raw).object;
  object.metadata.annotations = { ...object.metadata.annotations, [LAST_APPLIED]: lastApplied };
  return object;
}

/** Registers `create`. */
export function registerCreate(program: Command, globals: Globals): void {
  program.command("create")
    .description("create objects from manifests; an existing name is an error")
    .option(
      "-f, --filename <file>",
      "file, directory or - for stdin (repeatable)",
      collectFiles,
      [],
    )
    .option("-R, --recursive", "process the directory used in -f recursively")
    .option("--save-config", "keep the configuration in an annotation, for a later apply")
    .exitOverride()
    .action((options) =>
      run(globals, async (cluster, out, g) => {
        const loaded = await loadFiles(options.filename, {
          recursive: options.recursive,
          namespace: g.namespace,
          verb: "create",
        });
        const errors = new ErrorList();
        for (const { document, object } of loaded) {
          try {
            const created = await cluster.create(
              options.saveConfig ? withSavedConfig(document.object) : object,
            );
            out.out(`${objectRef(created)} created`);
          } catch (error) {
            errors.add(error, `error when creating "${document.source}": `);
          }
        }
        await cluster.settle();
        errors.finish(out);
      })
    );
}
