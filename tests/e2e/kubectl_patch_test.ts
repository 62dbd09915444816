import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { withDb } from "./_kclone.ts";
import { kubectl, kubectlPresent, startServer } from "./_kubectl.ts";

const NODES = new URL("../../examples/nodes.yaml", import.meta.url).pathname;

const WEB = (image: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: ${image}
          env: [{ name: A, value: "1" }]
`;

Deno.test("the real kubectl applies, patches, labels and scales through kclone server", async () => {
  if (!(await kubectlPresent())) {
    console.log("skipped: kubectl is not installed");
    return;
  }
  await withDb(async (db) => {
    const server = await startServer(db);
    const { kubeconfig } = server;
    try {
      const run = async (args: string[], stdin?: string) => {
        const out = await kubectl(kubeconfig, args, stdin);
        assert.equal(out.code, 0, `kubectl ${args.join(" ")}: ${out.stderr}`);
        return out.stdout;
      };
      assert.equal(
        await run(["apply", "-f", NODES]),
        "node/node-a created\nnode/node-b created\nnode/node-gpu created\n",
      );
      assert.equal(
        await run(["apply", "-f", "-"], WEB("nginx:1.27")),
        "deployment.apps/web created\n",
      );
      assert.equal(
        await run(["apply", "-f", "-"], WEB("nginx:1.27")),
        "deployment.apps/web unchanged\n",
      );
      assert.equal(
        await run(["apply", "-f", "-"], WEB("nginx:1.28")),
        "deployment.apps/web configured\n",
      );
      assert.equal(
        await run(["patch", "deployment", "web", "--type=merge", "-p", '{"spec":{"replicas":4}}']),
        "deployment.apps/web patched\n",
      );
      assert.equal(
        await run([
          "patch",
          "deployment",
          "web",
          "--type=json",
          "-p",
          '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.29"}]',
        ]),
        "deployment.apps/web patched\n",
      );
      const strategic =
        '{"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"B","value":"2"}]}]}}}}';
      assert.equal(
        await run(["patch", "deployment", "web", "-p", strategic]),
        "deployment.apps/web patched\n",
      );
      assert.equal(
        await run(["patch", "deployment", "web", "-p", strategic]),
        "deployment.apps/web patched (no change)\n",
      );
      assert.equal(
        await run(["scale", "deployment", "web", "--replicas=3"]),
        "deployment.apps/web scaled\n",
      );
      const solo =
        "apiVersion: v1\nkind: Pod\nmetadata: { name: solo }\nspec: { containers: [{ name: c, image: busybox }] }\n";
      assert.equal(await run(["apply", "-f", "-"], solo), "pod/solo created\n");
      assert.equal(await run(["label", "pod", "solo", "tier=front"]), "pod/solo labeled\n");

      const check = await Cluster.open({ db });
      try {
        const web = await check.get("Deployment", "web");
        assert.equal(web?.spec.replicas, 3);
        assert.equal(web?.spec.template.spec.containers[0].image, "nginx:1.29");
        // A strategic merge puts an entry the list did not have first, as kube-apiserver does.
        assert.deepEqual(web?.spec.template.spec.containers[0].env, [
          { name: "B", value: "2" },
          { name: "A", value: "1" },
        ]);
        const labelled = await check.get("Pod", "solo");
        assert.equal(labelled?.metadata.labels?.tier, "front");
        assert.equal((await check.list("Node")).length, 3);
      } finally {
        await check.close();
      }
    } finally {
      await server.stop();
    }
  });
});
