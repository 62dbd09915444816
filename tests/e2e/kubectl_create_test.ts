import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { withDb } from "./_kclone.ts";
import { kubectl, kubectlPresent, startServer } from "./_kubectl.ts";

const NODES = new URL("../../examples/nodes.yaml", import.meta.url).pathname;

const API = (replicas: number) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, labels: { app: api } }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec:
      containers:
        - name: api
          image: nginx:1.27
          ports: [{ containerPort: 80 }]
`;

Deno.test("the real kubectl creates namespaces, deployments and services (sent as protobuf) and applies server-side through kclone server", async () => {
  if (!(await kubectlPresent())) {
    console.log("skipped: kubectl is not installed");
    return;
  }
  await withDb(async (db) => {
    const server = await startServer(db);
    const run = async (args: string[], stdin?: string) => {
      const out = await kubectl(server.kubeconfig, args, stdin);
      assert.equal(out.code, 0, `kubectl ${args.join(" ")}: ${out.stderr}`);
      return out.stdout;
    };
    try {
      await run(["apply", "-f", NODES]);
      assert.equal(await run(["create", "namespace", "shop"]), "namespace/shop created\n");
      assert.equal(
        await run(["create", "deployment", "web", "--image=nginx", "--replicas=3"]),
        "deployment.apps/web created\n",
      );
      assert.equal(
        await run(["expose", "deployment", "web", "--port=80", "--target-port=8080"]),
        "service/web exposed\n",
      );
      assert.equal(
        await run(["create", "service", "nodeport", "edge", "--tcp=80:8080", "-n", "shop"]),
        "service/edge created\n",
      );
      assert.equal(
        await run(["wait", "--for=condition=Available", "deployment/web"]),
        "deployment.apps/web condition met\n",
      );

      assert.equal(
        await run(["apply", "--server-side", "-f", "-"], API(2)),
        "deployment.apps/api serverside-applied\n",
      );
      assert.equal(
        await run(["apply", "--server-side", "-f", "-"], API(2)),
        "deployment.apps/api serverside-applied\n",
      );
      const conflict = await kubectl(server.kubeconfig, [
        "apply",
        "--server-side",
        "--field-manager=ci",
        "-f",
        "-",
      ], API(4));
      assert.equal(conflict.code, 1);
      assert.match(
        conflict.stderr,
        /Apply failed with 1 conflict: conflict with "kubectl" using apps\/v1: \.spec\.replicas/,
      );
      await run(
        ["apply", "--server-side", "--field-manager=ci", "--force-conflicts", "-f", "-"],
        API(4),
      );
      assert.equal(await run(["get", "deployment", "api", "-o", "jsonpath={.spec.replicas}"]), "4");
    } finally {
      assert.equal(await server.stop(), 0);
    }
    const cluster = await Cluster.open({ db });
    try {
      const web = await cluster.get("Deployment", "web");
      assert.equal(web?.spec.replicas, 3);
      assert.deepEqual(web?.spec.template.spec.containers.map((c) => c.image), ["nginx"]);
      const service = await cluster.get("Service", "web");
      assert.deepEqual(service?.spec.selector, { app: "web" });
      assert.deepEqual(service?.spec.ports?.map((p) => [p.port, p.targetPort]), [[80, 8080]]);
      assert.equal(
        (await cluster.get("Service", "edge", { namespace: "shop" }))?.spec.type,
        "NodePort",
      );
      const api = await cluster.get("Deployment", "api");
      const managers = (api?.metadata.managedFields as { manager: string }[]).map((e) => e.manager);
      assert.deepEqual(managers.sort(), ["ci", "kubectl"]);
      const pods = await cluster.list("Pod", { labelSelector: "app=web" });
      assert.equal(pods.filter((p) => p.status?.phase === "Running").length, 3);
    } finally {
      await cluster.close();
    }
  });
});
