/**
 * The kclone CLI and library stay light to load: `@kubernetes/client-node` (large and slow to
 * import) is for tests only and must not be reachable from cli.ts or mod.ts, not even through a
 * type import, a dynamic import or another npm package.
 *
 * @module
 */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);
const CLIENT_NODE = "@kubernetes/client-node";

/** The part of `deno info --json` this test reads. */
interface ModuleGraph {
  modules: {
    specifier: string;
    kind?: string;
    npmPackage?: string;
    dependencies?: { specifier: string }[];
  }[];
  npmPackages: Record<string, { name: string; dependencies: string[] }>;
}

/** The module graph of `file` (relative to the repository root), as `deno info --json` gives it. */
async function moduleGraph(file: string): Promise<ModuleGraph> {
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
function reachedPackages(graph: ModuleGraph): Set<string> {
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

/** Every import specifier written in the graph's modules (type-only and dynamic ones too). */
function importSpecifiers(graph: ModuleGraph): string[] {
  return graph.modules.flatMap((m) => (m.dependencies ?? []).map((d) => d.specifier));
}

/** True when `graph` reaches `@kubernetes/client-node` in any way. */
function reachesClientNode(graph: ModuleGraph): boolean {
  return reachedPackages(graph).has(CLIENT_NODE) ||
    importSpecifiers(graph).some((s) => s.includes(CLIENT_NODE)) ||
    graph.modules.some((m) => m.specifier.includes(CLIENT_NODE));
}

Deno.test("the kclone CLI's module graph does not include @kubernetes/client-node", async () => {
  const graph = await moduleGraph("cli.ts");
  assert.ok(graph.modules.some((m) => m.specifier.endsWith("/lib/server/api_server.ts")));
  assert.ok(reachedPackages(graph).has("commander"));
  assert.equal(reachesClientNode(graph), false);
});

Deno.test("the library's entry point mod.ts does not include @kubernetes/client-node", async () => {
  const graph = await moduleGraph("mod.ts");
  assert.ok(reachedPackages(graph).has("yaml"));
  assert.equal(reachesClientNode(graph), false);
});

Deno.test("the import graph check finds @kubernetes/client-node where a test imports it", async () => {
  // Without this, a change in `deno info`'s output could make the two tests above pass vacuously.
  const graph = await moduleGraph("tests/e2e/client_node_test.ts");
  assert.ok(reachedPackages(graph).has(CLIENT_NODE));
  assert.ok(importSpecifiers(graph).includes(CLIENT_NODE));
  assert.equal(reachesClientNode(graph), true);
});
