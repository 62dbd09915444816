import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { nodeManifests, webDeployment } from "../_manifests.ts";
import { withDb } from "./_kclone.ts";
import { kubectl, kubectlPresent, startServer } from "./_kubectl.ts";

const SETUP = `${nodeManifests("node-a", "node-b")}---\n${
  webDeployment({ replicas: 2, requests: { cpu: "500m", memory: "128Mi" } })
}`;

/** The image of the deployment `web` and its ReplicaSets' images by revision, from the store. */
async function stored(
  db: string,
): Promise<{ image: string; revisions: string[]; annotations: Record<string, string> }> {
  const cluster = await Cluster.open({ db });
  try {
    const web = await cluster.get("Deployment", "web");
    const sets = (await cluster.list("ReplicaSet")).sort((a, b) =>
      Number(a.metadata.annotations?.["deployment.kubernetes.io/revision"]) -
      Number(b.metadata.annotations?.["deployment.kubernetes.io/revision"])
    );
    return {
      image: web!.spec.template.spec.containers[0].image!,
      revisions: sets.map((rs) =>
        `${rs.metadata.annotations?.["deployment.kubernetes.io/revision"]}:${
          rs.spec.template.spec.containers[0].image
        }`
      ),
      annotations: web!.spec.template.metadata?.annotations ?? {},
    };
  } finally {
    await cluster.close();
  }
}

Deno.test("the real kubectl scales, updates, rolls back, restarts, pauses and waits for a deployment", async () => {
  if (!(await kubectlPresent())) {
    console.log("skipped: kubectl is not installed");
    return;
  }
  await withDb(async (db) => {
    const setup = await Cluster.open({ db });
    try {
      await setup.apply(SETUP);
      await setup.settle();
    } finally {
      await setup.close();
    }
    const server = await startServer(db);
    const { kubeconfig } = server;
    const run = async (args: string[]) => {
      const out = await kubectl(kubeconfig, args);
      assert.equal(out.code, 0, `kubectl ${args.join(" ")}: ${out.stderr}`);
      return out.stdout;
    };
    const fails = async (args: string[]) => {
      const out = await kubectl(kubeconfig, args);
      assert.equal(out.code, 1, `kubectl ${args.join(" ")} succeeded: ${out.stdout}`);
      return out.stderr;
    };
    const rolledOut = async () => {
      const status = await run(["rollout", "status", "deployment/web", "--timeout=30s"]);
      assert.match(status, /(^|\n)deployment "web" successfully rolled out\n$/);
    };
    try {
      assert.equal(
        await run(["scale", "deployment", "web", "--replicas=3"]),
        "deployment.apps/web scaled\n",
      );
      assert.equal(
        await fails(["scale", "deployment", "web", "--current-replicas=2", "--replicas=4"]),
        "error: Expected replicas to be 2, was 3\n",
      );
      assert.equal(
        await run(["wait", "--for=condition=Available", "deployment/web", "--timeout=30s"]),
        "deployment.apps/web condition met\n",
      );
      assert.match(await run(["get", "deployment", "web"]), /\nweb +3\/3 +3 +3 +\d+s\n$/);

      assert.equal(
        await run(["set", "image", "deployment/web", "web=nginx:1.28"]),
        "deployment.apps/web image updated\n",
      );
      await rolledOut();
      assert.equal(
        await run(["rollout", "history", "deployment/web"]),
        "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n",
      );
      const second = await run(["rollout", "history", "deployment/web", "--revision=2"]);
      assert.match(second, /^deployment\.apps\/web with revision #2\nPod Template:\n/);
      assert.match(second, /\n {4}Image:\tnginx:1\.28\n/);
      assert.deepEqual((await stored(db)).revisions, ["1:nginx:1.27", "2:nginx:1.28"]);

      assert.equal(
        await run(["rollout", "undo", "deployment/web"]),
        "deployment.apps/web rolled back\n",
      );
      await rolledOut();
      // The ReplicaSet of revision 1 comes back as revision 3.
      assert.deepEqual(await stored(db).then((s) => [s.image, ...s.revisions]), [
        "nginx:1.27",
        "2:nginx:1.28",
        "3:nginx:1.27",
      ]);
      assert.equal(
        await fails(["rollout", "undo", "deployment/web", "--to-revision=9"]),
        "error: unable to find specified revision 9 in history\n",
      );
      assert.equal(
        await run(["rollout", "undo", "deployment/web", "--to-revision=2"]),
        "deployment.apps/web rolled back\n",
      );
      await rolledOut();

      assert.equal(
        await run(["rollout", "restart", "deployment/web"]),
        "deployment.apps/web restarted\n",
      );
      await rolledOut();
      const restarted = await stored(db);
      assert.match(
        restarted.annotations["kubectl.kubernetes.io/restartedAt"],
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
      );
      assert.deepEqual(restarted.revisions, ["3:nginx:1.27", "4:nginx:1.28", "5:nginx:1.28"]);

      assert.equal(
        await run(["rollout", "pause", "deployment/web"]),
        "deployment.apps/web paused\n",
      );
      assert.equal(
        await fails(["rollout", "pause", "deployment/web"]),
        'error: deployments.apps "web" is already paused\n',
      );
      await run(["set", "image", "deployment/web", "web=nginx:1.29"]);
      const generation = await run([
        "get",
        "deployment",
        "web",
        "-o",
        "jsonpath={.metadata.generation}",
      ]);
      await run([
        "wait",
        `--for=jsonpath={.status.observedGeneration}=${generation}`,
        "deployment/web",
        "--timeout=30s",
      ]);
      assert.equal(
        await run([
          "get",
          "deployment",
          "web",
          "-o",
          'jsonpath={.status.conditions[?(@.type=="Progressing")].reason}',
        ]),
        "DeploymentPaused",
      );
      // Paused: the new template has no ReplicaSet yet.
      assert.equal((await stored(db)).revisions.length, 3);
      assert.equal(
        await run(["rollout", "resume", "deployment/web"]),
        "deployment.apps/web resumed\n",
      );
      assert.equal(
        await fails(["rollout", "resume", "deployment/web"]),
        'error: deployments.apps "web" is not paused\n',
      );
      await rolledOut();
      assert.deepEqual((await stored(db)).revisions.at(-1), "6:nginx:1.29");
      assert.equal(
        await run(["wait", "--for=condition=Available", "deployment/web", "--timeout=30s"]),
        "deployment.apps/web condition met\n",
      );
      assert.match(
        await run(["get", "rs", "-o", "wide"]),
        /\nweb-\w+ +3 +3 +3 +\d+s +web +nginx:1\.29 +app=web,pod-template-hash=\w+\n/,
      );
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});
