/**
 * The files behind `-f`, read as kubectl reads them: a file by its name whatever its extension,
 * a directory's `.json`, `.yaml` and `.yml` files in name order (its subdirectories too with
 * `-R`), and `-` for stdin.
 *
 * @module
 */
import { join } from "node:path";
import { UsageError } from "../context.ts";

/** The text of one manifest file. */
export interface ManifestSource {
  /** The name errors give: the path as given and joined, or `STDIN`. */
  source: string;
  /** The file's text. */
  text: string;
}

/** Options of readManifests. */
export interface ReadManifestsOptions {
  /** `-R`: also read the directories inside directories. */
  recursive?: boolean;
  /** Reads stdin for `-`; default: the process's stdin. */
  readStdin?: () => Promise<string>;
}

const EXTENSIONS = [".json", ".yaml", ".yml"];

async function directoryFiles(dir: string, recursive: boolean): Promise<string[]> {
  const entries: Deno.DirEntry[] = [];
  for await (const entry of Deno.readDir(dir)) entries.push(entry);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) {
      if (recursive) files.push(...await directoryFiles(path, recursive));
    } else if (EXTENSIONS.some((ext) => entry.name.endsWith(ext))) {
      files.push(path);
    }
  }
  return files;
}

/**
 * Reads every manifest file that `paths` name, in order. Throws UsageError with kubectl's
 * `the path "x.yaml" does not exist` for a missing path.
 *
 * @example
 * ```ts
 * import { readManifests } from "./read_manifests.ts";
 * const sources = await readManifests(["-"], { readStdin: () => Promise.resolve("kind: x") });
 * sources[0].source; // "STDIN"
 * ```
 */
export async function readManifests(
  paths: readonly string[],
  options: ReadManifestsOptions = {},
): Promise<ManifestSource[]> {
  const readStdin = options.readStdin ?? (() => new Response(Deno.stdin.readable).text());
  const sources: ManifestSource[] = [];
  for (const path of paths) {
    if (path === "-") {
      sources.push({ source: "STDIN", text: await readStdin() });
      continue;
    }
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) {
        throw new UsageError(`the path "${path}" does not exist`);
      }
      throw error;
    }
    const files = info.isDirectory
      ? await directoryFiles(path, options.recursive ?? false)
      : [path];
    for (const file of files) sources.push({ source: file, text: await Deno.readTextFile(file) });
  }
  return sources;
}
