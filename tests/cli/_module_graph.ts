/**
 * What `deno info --json` says of an entry point's module graph, for tests that keep heavy
 * modules out of the CLI, the library and the agent.
 *
 * @module
 */
import assert from "node:assert/strict";

/** The repository root. */
export const ROOT: URL = new URL("../../", import.meta.url);

/** The part of `deno info --json` these tests read. */
export interface ModuleGraph {
  /** Every module, with its import specifiers. */
  modules: {
    specifier: string;
    kind?: string;
    npmPackage?: string;
    dependencies?: { specifier: string; isDynamic?: boolean }[];
  }[];
  /** npm packages by id, with their dependencies. */
  npmPackages: Record<string, { name: string; dependencies: string[] }>;
}

/** The module graph of `file` (relative to the repository root). */
export async function moduleGraph(file: string): Promise<ModuleGraph> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", file],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, `deno info --json ${file} failed: ${stderr}`);
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

/**
 * The npm package names the graph reaches: the packages its modules import and everything they
 * depend on. (`npmPackages` alone lists every package the lockfile resolved, used or not.)
 */
export function reachedPackages(graph: ModuleGraph): Set<string> {
  const pending = graph.modules.flatMap((m) =>
    m.kind === "npm" && m.npmPackage ? [m.npmPackage] : []
  );
  const seen = new Set<string>();
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    pending.push(...(graph.npmPackages[id]?.dependencies ?? []));
  }
  return new Set([...seen].map((id) => graph.npmPackages[id]?.name ?? id));
}

/** The graph's own modules, relative to the repository root (`lib/agent/agent.ts`). */
export function localModules(graph: ModuleGraph): string[] {
  return graph.modules.flatMap((m) =>
    m.specifier.startsWith(ROOT.href) ? [m.specifier.slice(ROOT.href.length)] : []
  );
}

/** The `node:` built-ins the graph's own modules import statically (`node:path`). */
export function staticNodeBuiltins(graph: ModuleGraph): Set<string> {
  return new Set(
    graph.modules.flatMap((m) =>
      (m.dependencies ?? []).flatMap((d) =>
        d.specifier.startsWith("node:") && !d.isDynamic ? [d.specifier] : []
      )
    ),
  );
}
