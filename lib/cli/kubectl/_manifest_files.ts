/**
 * The manifests behind `-f`, shared by apply, create and delete: the flag's values, and the
 * objects read and checked, with a progress bar on a terminal. Private to lib/cli/kubectl.
 *
 * @module
 */
import { UsageError } from "../context.ts";
import { type LoadedManifest, loadManifests } from "./load_manifests.ts";
import { type Progress, startProgress, stderrTarget } from "../progress_writer.ts";
import { readManifests } from "./read_manifests.ts";

/** Collects `-f` values: repeatable, each comma-separated. */
export function collectFiles(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(",").filter((v) => v !== "")];
}

/** Reads and checks the manifests behind `-f`, with a progress bar for many documents. */
export async function loadFiles(
  files: readonly string[],
  options: { recursive?: boolean; namespace?: string; verb: string },
): Promise<LoadedManifest[]> {
  if (files.length === 0) throw new UsageError("must specify one of -f and -k");
  const sources = await readManifests(files, { recursive: options.recursive });
  let progress: Progress | undefined;
  try {
    const loaded = loadManifests(sources, {
      namespace: options.namespace,
      onDocument: (done, total) => {
        progress ??= startProgress(stderrTarget(), total, {
          label: `${options.verb.replace(/e$/, "")}ing`,
        });
        progress.update(done);
      },
    });
    if (loaded.length === 0) throw new UsageError(`no objects passed to ${options.verb}`);
    return loaded;
  } finally {
    progress?.finish();
  }
}
