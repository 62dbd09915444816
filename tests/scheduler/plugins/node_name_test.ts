import assert from "node:assert/strict";
import { nodeName } from "../../../lib/scheduler/mod.ts";
import { makeNode, makePod } from "../../_fixtures.ts";
import { cacheOf, filterReasons } from "../_helpers.ts";

const cache = cacheOf([makeNode("node-a"), makeNode("node-b")]);

const cases: [string, string | undefined, string, readonly string[] | "Skip"][] = [
  ["a pod without nodeName skips the plugin", undefined, "node-a", "Skip"],
  ["the requested node fits", "node-a", "node-a", []],
  ["another node does not", "node-a", "node-b", ["node(s) didn't match the requested node name"]],
];

for (const [name, wanted, node, expected] of cases) {
  Deno.test(`NodeName: ${name}`, () => {
    // The pod is not added to the cache: only its spec matters here.
    const pod = makePod("web", { nodeName: wanted });
    assert.deepEqual(filterReasons(nodeName, pod, cache, node), expected);
  });
}
