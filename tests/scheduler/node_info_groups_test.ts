import assert from "node:assert/strict";
import type { Pod } from "../../lib/api/types.ts";
import { NodeInfoCache } from "../../lib/scheduler/mod.ts";
import { makeNode, makePod } from "../_fixtures.ts";

/** A pod of template `web` as the store keeps it: bound to `node`, written at `revision`. */
function stored(name: string, node: string, revision: number, cpu = "500m"): Pod {
  return makePod("web", {
    cpu,
    nodeName: node,
    overrides: {
      metadata: { name, resourceVersion: String(revision) },
      status: { phase: "Running" },
    },
  });
}

/** Requested CPU and pod count of a node. */
function usage(cache: NodeInfoCache, node: string): [number, number] {
  const info = cache.get(node)!;
  return [info.requestedMilliCPU, info.podCount];
}

Deno.test("NodeInfoCache.addPodGroup() counts pods known by their facts alone", () => {
  const cache = new NodeInfoCache();
  cache.addNode(makeNode("n"));
  cache.addPodGroup(stored("any", "n", 1), 3, 10);
  cache.addPodGroup(stored("any", "n", 1, "1"), 1, 10);
  cache.addPodGroup(makePod("unbound", { cpu: "1" }), 5, 10);
  assert.deepEqual(usage(cache, "n"), [3 * 500 + 1000, 4]);
  assert.equal(cache.hasGroups, true);
});

Deno.test("NodeInfoCache ignores changes its groups already count, and takes a pod out at its first later change", () => {
  const cache = new NodeInfoCache();
  cache.addNode(makeNode("n"));
  cache.addPodGroup(stored("any", "n", 1), 3, 10);
  // a change at revision 8 is in the count made at revision 10
  cache.addPod(stored("web-1", "n", 8));
  assert.deepEqual(usage(cache, "n"), [1500, 3]);
  // web-1 finishes at revision 11: it leaves its group and frees its CPU
  const done = stored("web-1", "n", 11);
  done.status = { phase: "Succeeded" };
  cache.addPod(done, stored("web-1", "n", 8));
  assert.deepEqual(usage(cache, "n"), [1000, 2]);
  // web-2 is deleted at revision 12, as it was when counted
  cache.removePod(stored("web-2", "n", 12));
  assert.deepEqual(usage(cache, "n"), [500, 1]);
  // web-3 changes twice after the count: it leaves its group once
  cache.addPod(stored("web-3", "n", 13), stored("web-3", "n", 9));
  cache.addPod(stored("web-3", "n", 14), stored("web-3", "n", 13));
  assert.deepEqual(usage(cache, "n"), [500, 1]);
  assert.equal(cache.hasGroups, false);
  cache.removePod(stored("web-3", "n", 15));
  assert.deepEqual(usage(cache, "n"), [0, 0]);
});

Deno.test("NodeInfoCache counts a new pod bound after the count once", () => {
  const cache = new NodeInfoCache();
  cache.addNode(makeNode("n"));
  cache.addPodGroup(stored("any", "n", 1), 2, 10);
  const pending = makePod("web", {
    cpu: "1",
    overrides: { metadata: { name: "new", resourceVersion: "11" } },
  });
  cache.assume(pending, "n");
  cache.addPod(stored("new", "n", 12, "1"), pending);
  assert.deepEqual(usage(cache, "n"), [2000, 3]);
});
