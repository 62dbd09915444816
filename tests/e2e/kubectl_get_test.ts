import assert from "node:assert/strict";
import { normalizeAges, writeFixture } from "./_cluster_fixture.ts";
import { withDb } from "./_kclone.ts";
import { kubectl, kubectlPresent, startServer } from "./_kubectl.ts";

/** kubectl's stdout, which must succeed, with whole-year ages as `<y>`. */
async function kubectlOk(kubeconfig: string, args: string[], stdin?: string): Promise<string> {
  const out = await kubectl(kubeconfig, args, stdin);
  assert.equal(out.code, 0, `kubectl ${args.join(" ")}: ${out.stderr}`);
  return normalizeAges(out.stdout);
}

/** Reads a stream until its text so far matches `pattern` (or the stream ends). */
async function readUntil(
  reader: ReadableStreamDefaultReader<string>,
  pattern: RegExp,
  text = "",
): Promise<string> {
  while (!pattern.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  return text;
}

const SOLO = `apiVersion: v1
kind: Pod
metadata: { name: solo, labels: { app: solo } }
spec: { containers: [{ name: c, image: busybox }] }
`;

Deno.test("the real kubectl discovers, reads and watches kclone server's resources", async (t) => {
  if (!(await kubectlPresent())) {
    console.log("skipped: kubectl is not installed");
    return;
  }
  await withDb(async (db) => {
    await writeFixture(db);
    const server = await startServer(db);
    const { kubeconfig } = server;
    const ok = (args: string[], stdin?: string) => kubectlOk(kubeconfig, args, stdin);
    try {
      await t.step("api-resources, api-versions, cluster-info and explain", async () => {
        assert.equal(
          await ok(["api-resources"]),
          `NAME          SHORTNAMES   APIVERSION               NAMESPACED   KIND
endpoints     ep           v1                       true         Endpoints
events        ev           v1                       true         Event
namespaces    ns           v1                       false        Namespace
nodes         no           v1                       false        Node
pods          po           v1                       true         Pod
services      svc          v1                       true         Service
deployments   deploy       apps/v1                  true         Deployment
replicasets   rs           apps/v1                  true         ReplicaSet
leases                     coordination.k8s.io/v1   true         Lease
`,
        );
        assert.equal(
          await ok(["api-resources", "--categories=all", "-o", "name"]),
          "pods\nservices\ndeployments.apps\nreplicasets.apps\n",
        );
        assert.equal(await ok(["api-versions"]), "apps/v1\ncoordination.k8s.io/v1\nv1\n");
        assert.match(
          await ok(["cluster-info"]),
          /^Kubernetes control plane is running at http:\/\/127\.0\.0\.1:\d+\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'\.\n$/,
        );
        const explain = await ok(["explain", "deployment.spec.strategy"]);
        assert.match(explain, /^GROUP: +apps\nKIND: +Deployment\nVERSION: +v1\n/);
        assert.match(explain, /\nFIELD: +strategy <DeploymentStrategy>\n/);
        assert.match(explain, /\n {2}rollingUpdate\t<RollingUpdateDeployment>\n/);
        assert.match(explain, /\n {2}type\t<string>\n {2}enum: Recreate, RollingUpdate\n/);
      });

      await t.step("tables of every kind, wide and across namespaces", async () => {
        assert.equal(
          await ok(["get", "rs", "-o", "wide"]),
          `NAME             DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES       SELECTOR
web-64cd5b8887   3         3         3       <y>   web          nginx:1.27   app=web,pod-template-hash=64cd5b8887
`,
        );
        assert.equal(
          await ok(["get", "deployments", "-o", "wide"]),
          `NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR
web    3/3     3            3           <y>   web          nginx:1.27   app=web
`,
        );
        assert.equal(
          await ok(["get", "endpoints"]),
          `NAME     ENDPOINTS                                   AGE
web      10.244.0.2:80,10.244.0.3:80,10.244.0.4:80   <y>
web-np   10.244.0.2:80,10.244.0.3:80,10.244.0.4:80   <y>
`,
        );
        assert.equal(
          await ok(["get", "services", "-o", "wide"]),
          `NAME     TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE   SELECTOR
web      ClusterIP   10.96.1.1    <none>        80/TCP         <y>   app=web
web-np   NodePort    10.96.1.2    <none>        80:30080/TCP   <y>   app=web
`,
        );
        assert.equal(
          await ok(["get", "nodes", "-o", "wide"]),
          `NAME       STATUS   ROLES    AGE   VERSION         INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                KERNEL-VERSION   CONTAINER-RUNTIME
node-a     Ready    <none>   <y>   v0.1.0-kclone   172.18.0.2    <none>        kclone simulated node   simulated        kclone://0.1.0
node-b     Ready    <none>   <y>   v0.1.0-kclone   172.18.0.3    <none>        kclone simulated node   simulated        kclone://0.1.0
node-gpu   Ready    <none>   <y>   v0.1.0-kclone   172.18.0.4    <none>        kclone simulated node   simulated        kclone://0.1.0
`,
        );
        assert.equal(
          await ok(["get", "namespaces"]),
          `NAME              STATUS   AGE
default           Active   <y>
kube-node-lease   Active   <y>
kube-public       Active   <y>
kube-system       Active   <y>
`,
        );
        assert.equal(
          await ok(["get", "leases", "-n", "kube-node-lease"]),
          "NAME       HOLDER     AGE\nnode-a     node-a     <y>\nnode-b     node-b     <y>\nnode-gpu   node-gpu   <y>\n",
        );
        assert.equal(
          await ok(["get", "events", "--field-selector", "reason=NodeReady"]),
          `LAST SEEN   TYPE     REASON      OBJECT          MESSAGE
<y>         Normal   NodeReady   node/node-a     Node node-a status is now: NodeReady
<y>         Normal   NodeReady   node/node-b     Node node-b status is now: NodeReady
<y>         Normal   NodeReady   node/node-gpu   Node node-gpu status is now: NodeReady
`,
        );
        const leases = await ok(["get", "leases", "-A"]);
        assert.match(leases, /^NAMESPACE +NAME +HOLDER +AGE\n/);
        assert.match(leases, /\nkube-node-lease +node-gpu +node-gpu +<y>\n/);
        assert.match(leases, /\nkube-system +kclone-controller-manager +\S+ +<y>\n/);
        const all = await ok(["get", "all"]);
        assert.match(all, /^NAME +READY +STATUS +RESTARTS +AGE\npod\/big +0\/1 +Pending /);
        assert.match(all, /\n\nNAME +TYPE +CLUSTER-IP .*\nservice\/web +ClusterIP +10\.96\.1\.1 /);
        assert.match(
          all,
          /\n\nNAME +READY +UP-TO-DATE +AVAILABLE +AGE\ndeployment\.apps\/web +3\/3 /,
        );
        assert.match(
          all,
          /\n\nNAME +DESIRED +CURRENT +READY +AGE\nreplicaset\.apps\/web-64cd5b8887 /,
        );
      });

      await t.step("output formats", async () => {
        assert.equal(
          await ok(["get", "nodes", "-o", "name"]),
          "node/node-a\nnode/node-b\nnode/node-gpu\n",
        );
        const yaml = await ok(["get", "deployment", "web", "-o", "yaml"]);
        assert.match(yaml, /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n/);
        assert.match(yaml, /\n {2}strategy:\n {4}rollingUpdate:\n {6}maxSurge: 25%\n/);
        assert.match(yaml, /\n {2}availableReplicas: 3\n/);
        const json = JSON.parse(await ok(["get", "service", "web-np", "-o", "json"]));
        assert.equal(json.kind, "Service");
        assert.deepEqual(json.spec.ports, [
          { port: 80, nodePort: 30080, protocol: "TCP", targetPort: 80 },
        ]);
        assert.equal(
          await ok([
            "get",
            "nodes",
            "-o",
            'jsonpath={range .items[*]}{.metadata.name}{"="}{.spec.taints[*].key}{"\\n"}{end}',
          ]),
          "node-a=\nnode-b=\nnode-gpu=dedicated\n",
        );
        assert.equal(
          await ok([
            "get",
            "nodes",
            "-o",
            "custom-columns=NAME:.metadata.name,CPU:.status.capacity.cpu,DISK:.metadata.labels.disk",
          ]),
          "NAME       CPU   DISK\nnode-a     4     ssd\nnode-b     4     <none>\nnode-gpu   8     <none>\n",
        );
      });

      await t.step("label and field selectors, labels and sorting", async () => {
        assert.equal(
          await ok([
            "get",
            "pods",
            "-l",
            "app in (web)",
            "--field-selector=status.phase=Running",
            "-o",
            "jsonpath={.items[*].status.podIP}",
          ]),
          "10.244.0.2 10.244.0.3 10.244.0.4",
        );
        assert.equal(
          await ok([
            "get",
            "pods",
            "-l",
            "app!=web",
            "--field-selector",
            "spec.nodeName=",
            "-o",
            "name",
          ]),
          "pod/big\n",
        );
        const none = await kubectl(kubeconfig, [
          "get",
          "pods",
          "--field-selector",
          "spec.nodeName=node-b",
        ]);
        assert.equal(none.code, 0, none.stderr);
        assert.equal(none.stdout, "");
        assert.equal(none.stderr, "No resources found in default namespace.\n");
        const bad = await kubectl(kubeconfig, ["get", "pods", "--field-selector", "bogus=1"]);
        assert.equal(bad.code, 1);
        assert.equal(
          bad.stderr,
          'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "bogus=1": field label not supported: bogus\n',
        );
        assert.equal(
          await ok(["get", "nodes", "--show-labels", "-l", "disk"]),
          "NAME     STATUS   ROLES    AGE   VERSION         LABELS\nnode-a   Ready    <none>   <y>   v0.1.0-kclone   disk=ssd\n",
        );
        // Sorted by request, the big pod (64 cpu) comes after the web pods (1 cpu each).
        assert.equal(
          await ok([
            "get",
            "pods",
            "--sort-by=.spec.containers[0].resources.requests.cpu",
            "-o",
            "jsonpath={.items[*].metadata.labels.app}",
          ]),
          "web web web big",
        );
        assert.equal(
          await ok([
            "get",
            "events",
            "-A",
            "--field-selector",
            "involvedObject.kind!=Pod",
            "--sort-by=.reason",
            "-o",
            "custom-columns=REASON:.reason,OBJECT:.involvedObject.name",
          ]),
          `REASON              OBJECT
NodeReady           node-a
NodeReady           node-b
NodeReady           node-gpu
ScalingReplicaSet   web
SuccessfulCreate    web-64cd5b8887
SuccessfulCreate    web-64cd5b8887
SuccessfulCreate    web-64cd5b8887
`,
        );
      });

      await t.step(
        "--watch-only --output-watch-events streams changes as they happen",
        async () => {
          // -v=6 logs each request once answered: the watch's line means it is listening.
          const watch = new Deno.Command("kubectl", {
            args: [
              ...["--kubeconfig", kubeconfig, "get", "pods", "-l", "app=solo", "-v=6"],
              ...["--watch-only", "--output-watch-events"],
            ],
            stdout: "piped",
            stderr: "piped",
          }).spawn();
          const lines = watch.stdout.pipeThrough(new TextDecoderStream()).getReader();
          const log = watch.stderr.pipeThrough(new TextDecoderStream()).getReader();
          try {
            await readUntil(log, /&watch=true 200 OK/);
            assert.equal(await ok(["apply", "-f", "-"], SOLO), "pod/solo created\n");
            let seen = await readUntil(lines, /\nADDED +solo .*\n/);
            assert.match(
              seen,
              /^EVENT +NAME +READY +STATUS +RESTARTS +AGE\nADDED +solo +0\/1 +Pending +0 +\d+s\n/,
            );
            seen = await readUntil(lines, /\nMODIFIED +solo +1\/1 +Running .*\n/, seen);
            assert.equal(
              await ok(["delete", "pod", "solo", "--wait=false"]),
              'pod "solo" deleted\n',
            );
            seen = await readUntil(lines, /\nDELETED +solo .*\n/, seen);
            const events = seen.trim().split("\n").slice(1).map((line) => line.split(/ +/)[0]);
            assert.equal(events[0], "ADDED");
            assert.equal(events.at(-1), "DELETED");
            assert.ok(events.slice(1, -1).every((e) => e === "MODIFIED"), seen);
          } finally {
            lines.releaseLock();
            log.releaseLock();
            watch.kill("SIGTERM");
            await watch.stdout.cancel().catch(() => {});
            await watch.stderr.cancel().catch(() => {});
            await watch.status;
          }
        },
      );
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});
