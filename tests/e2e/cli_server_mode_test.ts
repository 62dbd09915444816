import assert from "node:assert/strict";
import type { Deployment, Pod } from "../../lib/api/types.ts";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { kclone, withDb } from "./_kclone.ts";
import { kubectl, kubectlPresent, startServer } from "./_kubectl.ts";

Deno.test("kclone --server URL works through a running kclone server, as with --db", async (t) => {
  await withDb(async (db) => {
    const server = await startServer(db);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(server.log)![1];
    const run = (...args: string[]) => kclone(["--server", url, ...args]);
    try {
      await t.step("node-add, pod-create, pods and get -o wide", async () => {
        const added = await run("node-add", "n1");
        assert.equal(added.stderr, "");
        assert.equal(added.stdout, "node/n1 created\n  cpu 4, memory 4096Mi, pods 110; Ready\n");
        const created = await run("pod-create", "p1", "--image", "nginx");
        assert.equal(created.stdout, "pod/p1 created\npod/p1 assigned to n1\n");
        const pods = await run("pods");
        assert.match(
          pods.stdout,
          /^UID +NAME +IMAGE +PHASE +NODE\n[0-9a-f-]{36} +p1 +nginx +Running +n1\n$/,
        );
        const wide = await run("get", "pods", "-o", "wide");
        assert.match(
          wide.stdout,
          /^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES\np1 +1\/1 +Running +0 +\d+s +10\.244\.0\.\d+ +n1 +<none> +<none>\n$/,
        );
      });

      await t.step("deploy-create waits for the server's controllers, then status", async () => {
        const deployed = await run("deploy-create", "web", "--replicas", "3", "--image", "nginx");
        assert.equal(deployed.stderr, "");
        assert.match(
          deployed.stdout,
          /^deployment\.apps\/web created\n(pod\/web-[a-z0-9]+-[a-z0-9]{5} assigned to n1\n){3}$/,
        );
        const status = await run("status");
        assert.equal(
          status.stdout,
          [
            "RESOURCE   REQUESTED   ALLOCATABLE   CAPACITY   USED",
            "cpu        4           4             4          100%",
            "memory     512Mi       4Gi           4Gi        12%",
            "pods       4           110           110        3%",
            "",
            "Nodes: 1 (1 Ready, 0 NotReady)",
            "Pods: 4 (Pending 0, Running 4, Succeeded 0, Failed 0, Unknown 0)",
            "",
          ].join("\n"),
        );
      });

      let clusterIP = "";
      await t.step("service-create and service-route in round robin", async () => {
        const service = await run("service-create", "web");
        const match =
          /^service\/web created\n {2}ClusterIP (10\.96\.\d+\.\d+):80 -> 80; endpoints (10\.244\.0\.\d+:80,){2}10\.244\.0\.\d+:80\n$/
            .exec(service.stdout);
        assert.ok(match, service.stdout + service.stderr);
        clusterIP = match[1];
        const routed = await run("service-route", "web", "--count", "3");
        const targets = [
          ...routed.stdout.matchAll(/^request (\d) -> (web-\S+) \(10\.244\.0\.\d+:80\)$/gm),
        ];
        assert.deepEqual(targets.map((m) => m[1]), ["1", "2", "3"]);
        assert.equal(new Set(targets.map((m) => m[2])).size, 3, routed.stdout);
      });

      await t.step("describe pod shows the server's scheduling and events", async () => {
        const described = await run("describe", "pod", "p1");
        assert.equal(described.code, 0, described.stderr);
        assert.match(described.stdout, /^Name: +p1\nNamespace: +default\nNode: +n1\//);
        assert.match(described.stdout, /^Status: +Running$/m);
        assert.match(described.stdout, /Successfully assigned default\/p1 to n1\n/);
      });

      await t.step("an error prints the server's NotFound line and exits 1", async () => {
        const missing = await run("pod-delete", "nope");
        assert.equal(missing.code, 1);
        assert.equal(missing.stdout, "");
        assert.equal(missing.stderr, 'Error from server (NotFound): pods "nope" not found\n');
      });

      await t.step("KCLONE_SERVER works as --server does", async () => {
        const nodes = await kclone(["get", "nodes", "-o", "name"], {
          env: { KCLONE_SERVER: url },
        });
        assert.equal(nodes.stdout, "node/n1\n");
      });

      await t.step("settle() through the server waits for its control loop only", async () => {
        const cluster = await Cluster.open({ server: url });
        try {
          await cluster.apply(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: api }
spec:
  replicas: 2
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: api, image: nginx, resources: { requests: { cpu: "0" } } }] }
`);
          const started = Date.now();
          const settled = await cluster.settle();
          const took = Date.now() - started;
          assert.equal(settled.converged, true);
          assert.equal(settled.reconciles, 0, "nothing ran in this process");
          assert.ok(took < 2000, `settle() took ${took} ms`);
          const pods = await cluster.list("Pod", { labelSelector: "app=api" }) as Pod[];
          assert.equal(pods.length, 2);
          const api = await cluster.get("Deployment", "api") as Deployment;
          assert.equal(api.status?.readyReplicas, 2);
        } finally {
          await cluster.close();
        }
      });

      await t.step("kubectl sees what the CLI wrote through the server", async () => {
        if (!(await kubectlPresent())) {
          console.log("skipped: kubectl is not installed");
          return;
        }
        const pods = await kubectl(server.kubeconfig, ["get", "pods", "-o", "name"]);
        assert.equal(pods.code, 0, pods.stderr);
        assert.match(pods.stdout, /^pod\/api-\S+\npod\/api-\S+\npod\/p1\n(pod\/web-\S+\n){3}$/);
        const service = await kubectl(server.kubeconfig, [
          "get",
          "service",
          "web",
          "-o",
          "jsonpath={.spec.clusterIP}",
        ]);
        assert.equal(service.stdout, clusterIP);
      });
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});

Deno.test("kclone refuses --server with --db, and the commands that need a database", async () => {
  const both = await kclone(["--server", "http://127.0.0.1:6443", "nodes"], { db: "x.db" });
  assert.equal(both.code, 1);
  assert.match(
    both.stderr,
    /^error: option '--server <url>' cannot be used with option '--db <path>'\n/,
  );
  const serve = await kclone(["--server", "http://127.0.0.1:6443", "server"]);
  assert.equal(serve.code, 1);
  assert.equal(
    serve.stderr,
    "error: server works on a database (--db) and cannot be used with --server\n",
  );
});

Deno.test("kclone --server with nothing listening says so, as kubectl does", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  const result = await kclone(["--server", `http://127.0.0.1:${port}`, "pods"]);
  assert.equal(result.code, 1);
  assert.equal(
    result.stderr,
    `The connection to the server 127.0.0.1:${port} was refused - did you specify the right host or port?\n`,
  );
});
