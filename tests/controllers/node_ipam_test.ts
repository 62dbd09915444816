import assert from "node:assert/strict";
import type { Node } from "../../lib/api/types.ts";
import { nodeIpamController } from "../../lib/controllers/node_ipam.ts";
import { planPodCIDRs } from "../../lib/controllers/_node_cidr.ts";
import { makeNode } from "../_fixtures.ts";
import { nodePlane } from "../kubelet/_node_plane.ts";

async function podCIDRs(store: ReturnType<typeof nodePlane>["store"]) {
  const { items } = await store.list("Node");
  return Object.fromEntries(items.map((n) => [n.metadata.name, n.spec?.podCIDRs?.join(",")]));
}

Deno.test("nodeIpamController() gives each node the next free /24 of 10.244.0.0/16", async () => {
  const t = nodePlane([nodeIpamController()]);
  for (const name of ["node-a", "node-b", "node-c"]) await t.store.create(makeNode(name));
  await t.settle();
  assert.deepEqual(await podCIDRs(t.store), {
    "node-a": "10.244.0.0/24",
    "node-b": "10.244.1.0/24",
    "node-c": "10.244.2.0/24",
  });
  const node = await t.store.get("Node", undefined, "node-b");
  assert.equal(node?.spec?.podCIDR, "10.244.1.0/24");
});

Deno.test("nodeIpamController() hands a deleted node's range to the next new node", async () => {
  const t = nodePlane([nodeIpamController()]);
  for (const name of ["node-a", "node-b", "node-c"]) await t.store.create(makeNode(name));
  await t.settle();
  await t.store.delete("Node", undefined, "node-b");
  await t.store.create(makeNode("node-d"));
  await t.settle();
  assert.deepEqual(await podCIDRs(t.store), {
    "node-a": "10.244.0.0/24",
    "node-c": "10.244.2.0/24",
    "node-d": "10.244.1.0/24",
  });
});

Deno.test("nodeIpamController() gives the later of two nodes that raced for one range a new one", async () => {
  const t = nodePlane([nodeIpamController()]);
  const raced = (name: string) =>
    makeNode(name, {
      overrides: { spec: { podCIDR: "10.244.0.0/24", podCIDRs: ["10.244.0.0/24"] } },
    });
  await t.store.create(raced("node-b"));
  t.clock.advance(1_000);
  await t.store.create(raced("node-a")); // created later: it loses the range
  await t.store.create(makeNode("node-c", { overrides: { spec: { podCIDR: "10.244.1.0/24" } } }));
  await t.settle();
  assert.deepEqual(await podCIDRs(t.store), {
    "node-a": "10.244.2.0/24",
    "node-b": "10.244.0.0/24",
    "node-c": "10.244.1.0/24", // set by hand without podCIDRs: completed
  });
});

Deno.test("nodeIpamController() follows its options and reports CIDRNotAvailable when the pool is empty", async () => {
  const t = nodePlane([nodeIpamController({ clusterCIDR: "10.100.0.0/23", nodeCIDRMaskSize: 24 })]);
  for (const name of ["node-a", "node-b", "node-c"]) await t.store.create(makeNode(name));
  await t.settle();
  assert.deepEqual(await podCIDRs(t.store), {
    "node-a": "10.100.0.0/24",
    "node-b": "10.100.1.0/24",
    "node-c": undefined,
  });
  assert.deepEqual(await t.events(), [
    "CIDRNotAvailable: Node node-c status is now: CIDRNotAvailable",
  ]);
  await t.store.delete("Node", undefined, "node-a");
  await t.settle();
  assert.equal((await podCIDRs(t.store))["node-c"], "10.100.0.0/24");
});

Deno.test("planPodCIDRs() cuts other mask sizes; nodeIpamController() refuses one that does not fit", () => {
  const node = (name: string): Node => makeNode(name);
  const plan = planPodCIDRs([node("a"), node("b")], {
    clusterCIDR: "10.0.0.0/8",
    nodeMaskSize: 20,
  });
  // 2^(32-20) = 4096 addresses per node: the second range starts at 10.0.16.0.
  assert.deepEqual([...plan.assign], [["a", "10.0.0.0/20"], ["b", "10.0.16.0/20"]]);
  assert.throws(
    () => nodeIpamController({ clusterCIDR: "10.244.0.0/16", nodeCIDRMaskSize: 8 }),
    /node mask size 8 does not fit cluster CIDR 10.244.0.0\/16/,
  );
});
