import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { withDb } from "./_kclone.ts";
import { kubectl, kubectlPresent, startServer } from "./_kubectl.ts";

Deno.test("the real kubectl reads and writes through kclone server", async () => {
  if (!(await kubectlPresent())) {
    console.log("skipped: kubectl is not installed");
    return;
  }
  await withDb(async (db) => {
    const setup = await Cluster.open({ db });
    await setup.apply(`
apiVersion: v1
kind: Node
metadata: { name: node-a }
---
apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec: { containers: [{ name: web, image: nginx }] }
`);
    await setup.close();
    const server = await startServer(db);
    const { kubeconfig } = server;
    try {
      assert.match(server.log, /^kclone API server listening on http:\/\/127\.0\.0\.1:\d+\n/);

      const version = await kubectl(kubeconfig, ["version"]);
      assert.equal(version.code, 0, version.stderr);
      assert.match(version.stdout, /\nServer Version: v1\.32\.0\+kclone\.0\.1\.0\n/);

      const nodes = await kubectl(kubeconfig, ["get", "nodes"]);
      assert.equal(nodes.code, 0, nodes.stderr);
      assert.match(
        nodes.stdout,
        /^NAME +STATUS +ROLES +AGE +VERSION\nnode-a +\w+ +<none> +\d+s +\S+\n$/,
      );

      const pods = await kubectl(kubeconfig, ["get", "pods", "-A"]);
      assert.equal(pods.code, 0, pods.stderr);
      assert.match(
        pods.stdout,
        /^NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE\ndefault +web +\d\/1 +\w+ +0 +\d+s\n$/,
      );

      const json = await kubectl(kubeconfig, ["get", "pods", "-o", "json", "-l", "app=web"]);
      assert.equal(json.code, 0, json.stderr);
      const list = JSON.parse(json.stdout);
      assert.deepEqual(list.items.map((p: { metadata: { name: string } }) => p.metadata.name), [
        "web",
      ]);

      // `kubectl create namespace` sends protobuf, not served yet: create -f sends JSON.
      const created = await kubectl(
        kubeconfig,
        ["create", "--validate=false", "-f", "-"],
        "apiVersion: v1\nkind: Namespace\nmetadata: { name: dev }\n",
      );
      assert.equal(created.code, 0, created.stderr);
      assert.equal(created.stdout, "namespace/dev created\n");
      const namespaces = await kubectl(kubeconfig, ["get", "namespaces", "-o", "name"]);
      assert.match(namespaces.stdout, /^namespace\/dev$/m);

      const deleted = await kubectl(kubeconfig, ["delete", "pod", "web"]);
      assert.equal(deleted.code, 0, deleted.stderr);
      assert.equal(deleted.stdout, 'pod "web" deleted\n');
      const missing = await kubectl(kubeconfig, ["get", "pod", "web"]);
      assert.equal(missing.code, 1);
      assert.equal(missing.stderr, 'Error from server (NotFound): pods "web" not found\n');
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});
