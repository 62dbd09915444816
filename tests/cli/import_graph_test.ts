/**
 * The kclone CLI and library stay light to load: `@kubernetes/client-node` (large and slow to
 * import) is for tests only and must not be reachable from cli.ts or mod.ts, not even through a
 * type import, a dynamic import or another npm package.
 *
 * @module
 */
import assert from "node:assert/strict";
import { type ModuleGraph, moduleGraph, reachedPackages } from "./_module_graph.ts";

const CLIENT_NODE = "@kubernetes/client-node";

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
