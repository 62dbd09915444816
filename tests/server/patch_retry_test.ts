import assert from "node:assert/strict";
import { ConflictError } from "../../lib/api/errors.ts";
import type { AnyObject } from "../../lib/api/types.ts";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { ApiServer } from "../../lib/server/api_server.ts";
import { MemoryStore } from "../../lib/store/memory.ts";
import type { BatchOperation } from "../../lib/store/store.ts";

/** A store whose next `failures` writes lose a race, as when a controller writes in between. */
class RacingStore extends MemoryStore {
  failures = 0;
  override batch(operations: BatchOperation[]): Promise<AnyObject[]> {
    if (this.failures > 0) {
      this.failures--;
      return Promise.reject(new ConflictError("deployments.apps", "web"));
    }
    return super.batch(operations);
  }
}

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default" },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "web", image: "nginx" }] },
    },
  },
};

Deno.test("PATCH and scale retry a lost race, unless the request names a resourceVersion", async () => {
  const store = new RacingStore();
  const cluster = await Cluster.open({ store });
  const server = new ApiServer(cluster);
  const url = await server.start({ port: 0 });
  try {
    await cluster.create(deployment as AnyObject);
    const path = `${url}/apis/apps/v1/namespaces/default/deployments/web`;
    const patch = (body: unknown, suffix = "") =>
      fetch(`${path}${suffix}`, {
        method: "PATCH",
        headers: { "content-type": "application/merge-patch+json" },
        body: JSON.stringify(body),
      });

    store.failures = 2;
    const merged = await patch({ spec: { replicas: 2 } });
    assert.equal(merged.status, 200, await merged.clone().text());
    assert.equal((await merged.json()).spec.replicas, 2);

    store.failures = 1;
    const scaled = await patch({ spec: { replicas: 4 } }, "/scale");
    assert.equal(scaled.status, 200);
    assert.equal((await scaled.json()).spec.replicas, 4);

    store.failures = 1;
    const rv = (await cluster.get("Deployment", "web"))!.metadata.resourceVersion;
    const pinned = await patch({ metadata: { resourceVersion: rv }, spec: { replicas: 5 } });
    assert.equal(pinned.status, 409, "a patch that names its resourceVersion gets the Conflict");
    await pinned.body?.cancel();
    assert.equal((await cluster.get("Deployment", "web"))!.spec.replicas, 4);
    assert.equal(store.failures, 0, "every race was run into");
  } finally {
    await server.stop();
    await cluster.close();
  }
});
