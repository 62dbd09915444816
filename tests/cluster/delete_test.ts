import assert from "node:assert/strict";
import { FakeClock } from "../../lib/api/clock.ts";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { nodeManifests, webDeployment } from "../_manifests.ts";

const WEB = `${nodeManifests("node-a")}---\n${webDeployment({ replicas: 2, image: "nginx" })}`;

Deno.test("delete() with propagationPolicy Foreground is done when the owner and all it owns are gone", async () => {
  const cluster = await Cluster.open({ clock: new FakeClock() });
  try {
    await cluster.apply(WEB);
    await cluster.settle();
    const before = await cluster.store.list("Pod");
    assert.equal(before.items.length, 2);
    const deleted = await cluster.delete("Deployment", "web", { propagationPolicy: "Foreground" });
    assert.equal(deleted.metadata.name, "web");
    // Without a settle: no garbage collector ran, yet nothing of web is left.
    assert.deepEqual(await cluster.list("Deployment"), []);
    assert.deepEqual(await cluster.list("ReplicaSet"), []);
    assert.deepEqual(await cluster.list("Pod"), []);
    // The pods went first, then the ReplicaSet, then the Deployment, as watches see it.
    const order: string[] = [];
    const abort = new AbortController();
    for (const kind of ["Pod", "ReplicaSet", "Deployment"] as const) {
      for await (
        const event of cluster.watch(kind, {
          resourceVersion: before.resourceVersion,
          signal: abort.signal,
        })
      ) {
        if (event.type === "DELETED") {
          order.push(`${event.object.metadata.resourceVersion} ${kind}`);
        }
        if (order.filter((o) => o.endsWith(kind)).length === (kind === "Pod" ? 2 : 1)) break;
      }
    }
    abort.abort();
    const sorted = order.toSorted((a, b) => parseInt(a) - parseInt(b)).map((o) => o.split(" ")[1]);
    assert.deepEqual(sorted, ["Pod", "Pod", "ReplicaSet", "Deployment"]);
    await assert.rejects(
      cluster.delete("Deployment", "web", { propagationPolicy: "Foreground" }),
      /deployments\.apps "web" not found/,
    );
  } finally {
    await cluster.close();
  }
});
