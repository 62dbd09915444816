import assert from "node:assert/strict";
import { normalizeAges, writeFixture } from "./_cluster_fixture.ts";
import { withDb } from "./_kclone.ts";
import { kubectl, kubectlPresent, startServer } from "./_kubectl.ts";

/** kubectl's output, which must succeed, with ages and pod name suffixes made stable. */
async function kubectlOk(kubeconfig: string, args: string[]): Promise<string> {
  const out = await kubectl(kubeconfig, args);
  assert.equal(out.code, 0, `kubectl ${args.join(" ")}: ${out.stderr}`);
  return normalizeAges(out.stdout).replace(
    /web-[0-9a-z]+-[0-9a-z]{5}/g,
    // Same width, so the columns stay aligned: web-xxxxxxxxxx-xxxxx.
    (name) => "web-" + name.slice(4).replace(/[0-9a-z]/g, "x"),
  );
}

/** Reads a stream until its text so far matches `pattern`. */
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

Deno.test("the real kubectl prints its own columns from kclone server's Tables", async () => {
  if (!(await kubectlPresent())) {
    console.log("skipped: kubectl is not installed");
    return;
  }
  await withDb(async (db) => {
    await writeFixture(db);
    const server = await startServer(db);
    const { kubeconfig } = server;
    let watch: Deno.ChildProcess | undefined;
    try {
      assert.equal(
        await kubectlOk(kubeconfig, ["get", "pods"]),
        `NAME                   READY   STATUS    RESTARTS   AGE
big                    0/1     Pending   0          <y>
web-xxxxxxxxxx-xxxxx   1/1     Running   0          <y>
web-xxxxxxxxxx-xxxxx   1/1     Running   0          <y>
web-xxxxxxxxxx-xxxxx   1/1     Running   0          <y>
`,
      );
      const wide = (await kubectlOk(kubeconfig, ["get", "pods", "-o", "wide"])).split("\n");
      assert.match(
        wide[0],
        /^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES$/,
      );
      assert.match(wide[1], /^big +0\/1 +Pending +0 +<y> +<none> +<none> +<none> +<none>$/);
      assert.match(
        wide[2],
        /^web-x+-xxxxx +1\/1 +Running +0 +<y> +10\.244\.\d+\.\d+ +node-\w+ +<none> +<none>$/,
      );

      assert.equal(
        await kubectlOk(kubeconfig, ["get", "nodes"]),
        `NAME       STATUS   ROLES    AGE   VERSION
node-a     Ready    <none>   <y>   v0.1.0-kclone
node-b     Ready    <none>   <y>   v0.1.0-kclone
node-gpu   Ready    <none>   <y>   v0.1.0-kclone
`,
      );
      assert.equal(
        await kubectlOk(kubeconfig, ["get", "deploy"]),
        "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    3/3     3            3           <y>\n",
      );
      assert.equal(
        await kubectlOk(kubeconfig, ["get", "svc"]),
        `NAME     TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE
web      ClusterIP   10.96.1.1    <none>        80/TCP         <y>
web-np   NodePort    10.96.1.2    <none>        80:30080/TCP   <y>
`,
      );
      assert.equal(
        await kubectlOk(kubeconfig, ["get", "pods", "-l", "app=big", "-A", "--show-labels"]),
        "NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE   LABELS\n" +
          "default     big    0/1     Pending   0          <y>   app=big\n",
      );

      // `get -w` lists, then watches from the list's revision: a delete after the list shows.
      watch = new Deno.Command("kubectl", {
        args: ["--kubeconfig", kubeconfig, "get", "pods", "-w", "-l", "app=big"],
        stdout: "piped",
        stderr: "null",
      }).spawn();
      const lines = watch.stdout.pipeThrough(new TextDecoderStream()).getReader();
      let seen = await readUntil(lines, /\nbig .*\n/);
      await kubectlOk(kubeconfig, ["delete", "pod", "big", "--wait=false"]);
      seen = await readUntil(lines, /\nbig .*\n(.|\n)*big .*\n/, seen);
      assert.match(
        normalizeAges(seen),
        /^NAME +READY +STATUS +RESTARTS +AGE\nbig +0\/1 +Pending +0 +<y>\nbig +0\/1 +\w+ +0 +<y>\n$/,
      );
      lines.releaseLock();
    } finally {
      if (watch) {
        watch.kill("SIGTERM");
        await watch.stdout.cancel().catch(() => {});
        await watch.status;
      }
      assert.equal(await server.stop(), 0);
    }
  });
});
