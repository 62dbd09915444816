import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { withDb } from "./_kclone.ts";
import { kubectl, kubectlPresent, type KubectlResult, startServer } from "./_kubectl.ts";
import { nodeManifests, webDeployment } from "../_manifests.ts";

const NODES = nodeManifests("node-a", "node-b");

const WEB = (replicas: number) =>
  `${webDeployment({ replicas, requests: { cpu: "1", memory: "256Mi" } })}---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
`;

const EXTRA = `apiVersion: v1
kind: Pod
metadata: { name: big }
spec:
  containers: [{ name: big, image: busybox, resources: { requests: { cpu: "64" } } }]
---
apiVersion: v1
kind: Namespace
metadata: { name: team }
`;

const BATCH = (name: string) =>
  `apiVersion: v1
kind: Pod
metadata: { name: ${name}, labels: { tier: batch } }
spec: { containers: [{ name: c, image: busybox }] }
`;

/** Runs kubectl until `done` holds for its result (each run takes a while), or fails. */
async function eventually(
  run: () => Promise<KubectlResult>,
  done: (out: KubectlResult) => boolean,
): Promise<KubectlResult> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const out = await run();
    if (done(out)) return out;
    if (Date.now() > deadline) assert.fail(`never came: ${out.stdout}${out.stderr}`);
  }
}

Deno.test("the real kubectl applies, diffs, creates, describes, annotates and deletes through kclone server", async () => {
  if (!(await kubectlPresent())) {
    console.log("skipped: kubectl is not installed");
    return;
  }
  await withDb(async (db) => {
    const dir = db.replace(/kclone\.db$/, "manifests");
    await Deno.mkdir(dir);
    await Deno.writeTextFile(`${dir}/nodes.yaml`, NODES);
    await Deno.writeTextFile(`${dir}/web.yaml`, WEB(2));
    const extra = db.replace(/kclone\.db$/, "extra.yaml");
    await Deno.writeTextFile(extra, EXTRA);
    const server = await startServer(db);
    const { kubeconfig } = server;
    const k = (args: string[], stdin?: string) => kubectl(kubeconfig, args, stdin);
    const run = async (args: string[], stdin?: string) => {
      const out = await k(args, stdin);
      assert.equal(out.code, 0, `kubectl ${args.join(" ")}: ${out.stderr}`);
      return out.stdout;
    };
    try {
      // apply of a directory of multi-document files: created, unchanged, then configured.
      assert.equal(
        await run(["apply", "-f", dir]),
        "node/node-a created\nnode/node-b created\ndeployment.apps/web created\nservice/web created\n",
      );
      assert.equal(
        await run(["apply", "-f", dir]),
        "node/node-a unchanged\nnode/node-b unchanged\ndeployment.apps/web unchanged\nservice/web unchanged\n",
      );
      assert.deepEqual(await k(["diff", "-f", dir]), { code: 0, stdout: "", stderr: "" });
      await Deno.writeTextFile(`${dir}/web.yaml`, WEB(3));
      const diff = await k(["diff", "-f", dir]);
      assert.equal(diff.code, 1, diff.stderr);
      assert.match(diff.stdout, /^diff -u -N \S+\/apps\.v1\.Deployment\.default\.web \S+\n/);
      assert.match(diff.stdout, /\n- {2}replicas: 2\n\+ {2}replicas: 3\n/);
      assert.equal(
        await run(["apply", "-f", dir]),
        "node/node-a unchanged\nnode/node-b unchanged\ndeployment.apps/web configured\nservice/web unchanged\n",
      );

      assert.equal(await run(["create", "-f", extra]), "pod/big created\nnamespace/team created\n");
      const again = await k(["create", "-f", extra]);
      assert.equal(again.code, 1);
      assert.equal(
        again.stderr,
        `Error from server (AlreadyExists): error when creating "${extra}": pods "big" already exists\n` +
          `Error from server (AlreadyExists): error when creating "${extra}": namespaces "team" already exists\n`,
      );

      // describe: the scheduler's reason among the pod's Events; what a node's pods request.
      const big = await eventually(
        () => k(["describe", "pod", "big"]),
        (out) => out.stdout.includes("FailedScheduling"),
      );
      assert.match(big.stdout, /^Name: +big\nNamespace: +default\n/);
      assert.match(big.stdout, /\nStatus: +Pending\n/);
      assert.match(big.stdout, /\n {2}PodScheduled +False \n/);
      assert.match(
        big.stdout,
        /\nEvents:\n {2}Type +Reason +Age +From +Message\n {2}-+ +-+ +-+ +-+ +-+\n {2}Warning +FailedScheduling +\S+ +default-scheduler +0\/2 nodes are available: 2 Insufficient cpu\.\n/,
      );
      await eventually(() => k(["get", "deployment", "web"]), (out) => / 3\/3 /.test(out.stdout));
      const busy = await run([
        "get",
        "pods",
        "-l",
        "app=web",
        "-o",
        "jsonpath={.items[0].spec.nodeName}",
      ]);
      const node = await run(["describe", "node", busy]);
      const pods = Number(node.match(/\nNon-terminated Pods: +\((\d) in total\)\n/)?.[1]);
      assert.ok(pods >= 1, node);
      // Each web pod asks for 1 of the node's 4 cores and 256Mi of its 8Gi.
      assert.match(
        node,
        new RegExp(
          `\\nAllocated resources:\\n.*\\n {2}Resource +Requests +Limits\\n.*\\n` +
            ` {2}cpu +${pods} \\(${pods * 25}%\\) +0 \\(0%\\)\\n {2}memory +${pods * 256}Mi \\(${
              pods * 3
            }%\\) +0 \\(0%\\)\\n`,
        ),
      );

      // cordon, uncordon and taint.
      assert.equal(await run(["cordon", "node-b"]), "node/node-b cordoned\n");
      assert.match(await run(["get", "node", "node-b"]), /\nnode-b +Ready,SchedulingDisabled +/);
      assert.equal(await run(["uncordon", "node-b"]), "node/node-b uncordoned\n");
      assert.equal(
        await run(["taint", "nodes", "node-b", "dedicated=gpu:NoSchedule"]),
        "node/node-b tainted\n",
      );
      assert.match(
        await run(["describe", "node", "node-b"]),
        /\nTaints: +dedicated=gpu:NoSchedule\n/,
      );
      assert.equal(
        await run(["taint", "nodes", "node-b", "dedicated-"]),
        "node/node-b untainted\n",
      );

      // annotate, with and without --overwrite, and removal.
      const annotate = (...args: string[]) => k(["annotate", "deployment", "web", ...args]);
      assert.equal((await annotate("team=blue")).stdout, "deployment.apps/web annotated\n");
      assert.equal(
        (await annotate("team=red")).stderr,
        "error: --overwrite is false but found the following declared annotation(s): 'team' already has a value (blue)\n",
      );
      assert.equal(
        (await annotate("team=red", "--overwrite")).stdout,
        "deployment.apps/web annotated\n",
      );
      assert.equal(
        await run(["get", "deployment", "web", "-o", "jsonpath={.metadata.annotations.team}"]),
        "red",
      );
      assert.equal((await annotate("team-")).stdout, "deployment.apps/web annotated\n");

      // logs: simulated pods have none, and say so.
      const logs = await k(["logs", "deployment/web"]);
      assert.equal(logs.code, 1);
      assert.match(
        logs.stderr,
        /^Found 3 pods, using pod\/(web-\w+-\w+)\nError from server \(BadRequest\): pod "\1" has no logs: kclone runs this pod simulated, without a process \(real pods come with kclone agent\)\n$/,
      );
      assert.equal(
        (await k(["logs", "nope"])).stderr,
        'error: error from server (NotFound): pods "nope" not found in namespace "default"\n',
      );

      // delete by file, by name, by label, --all, and each cascade.
      assert.equal(
        await run(["delete", "-f", extra]),
        'pod "big" deleted\nnamespace "team" deleted\n',
      );
      await run(["apply", "-f", "-"], BATCH("p1") + "---\n" + BATCH("p2"));
      assert.equal(
        await run(["delete", "pods", "-l", "tier=batch"]),
        'pod "p1" deleted\npod "p2" deleted\n',
      );
      assert.equal(await run(["delete", "services", "--all"]), 'service "web" deleted\n');
      assert.equal(
        await run(["delete", "deployment", "web", "--cascade=orphan"]),
        'deployment.apps "web" deleted\n',
      );
      const check = await Cluster.open({ db });
      let replicaSet: string;
      try {
        const sets = await check.list("ReplicaSet");
        assert.deepEqual(sets.map((rs) => rs.metadata.ownerReferences), [undefined]);
        replicaSet = sets[0].metadata.name!;
        assert.equal((await check.list("Pod")).length, 3);
      } finally {
        await check.close();
      }
      assert.equal(
        await run(["delete", "replicaset", replicaSet, "--cascade=foreground"]),
        `replicaset.apps "${replicaSet}" deleted\n`,
      );
      // Foreground: the pods went before the replica set did, so none is left when kubectl ends.
      assert.equal((await k(["get", "pods"])).stdout, "");

      await run(["apply", "-f", dir]);
      assert.equal(
        await run(["delete", "deployment", "web", "--cascade=background"]),
        'deployment.apps "web" deleted\n',
      );
      const gone = await eventually(
        () => k(["get", "deployments,replicasets,pods"]),
        (out) => out.stdout === "",
      );
      assert.equal(gone.stderr, "No resources found in default namespace.\n");
      assert.equal(await run(["delete", "node", "node-a"]), 'node "node-a" deleted\n');
      assert.equal(await run(["get", "nodes", "-o", "name"]), "node/node-b\n");
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});
