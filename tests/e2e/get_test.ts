import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { kclone, kcloneCommand, withDb } from "./_kclone.ts";
import { normalizeAges, writeFixture } from "./_cluster_fixture.ts";

const dir = Deno.makeTempDirSync({ prefix: "kclone-get-" });
const db = `${dir}/kclone.db`;
const fixture = writeFixture(db);
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));

async function get(...args: string[]) {
  await fixture;
  return await kclone(["get", ...args], { db });
}

Deno.test("kclone get nodes prints kubectl's columns", async () => {
  const { code, stdout, stderr } = await get("nodes", "--show-labels");
  assert.equal(code, 0, stderr);
  assert.equal(
    normalizeAges(stdout),
    [
      "NAME       STATUS   ROLES    AGE   VERSION         LABELS",
      "node-a     Ready    <none>   <y>   v0.1.0-kclone   disk=ssd",
      "node-b     Ready    <none>   <y>   v0.1.0-kclone   <none>",
      "node-gpu   Ready    <none>   <y>   v0.1.0-kclone   <none>",
      "",
    ].join("\n"),
  );
});

Deno.test("kclone get KIND,KIND prints one table per kind, names as kind/name", async () => {
  const { code, stdout } = await get("deploy,svc");
  assert.equal(code, 0);
  assert.equal(
    normalizeAges(stdout),
    [
      "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE",
      "deployment.apps/web   3/3     3            3           <y>",
      "",
      "NAME             TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE",
      "service/web      ClusterIP   10.96.1.1    <none>        80/TCP         <y>",
      "service/web-np   NodePort    10.96.1.2    <none>        80:30080/TCP   <y>",
      "",
    ].join("\n"),
  );
});

Deno.test("kclone get all lists pods, services, deployments and replicasets in that order", async () => {
  const { code, stdout } = await get("all");
  assert.equal(code, 0);
  const groups = stdout.trim().split("\n\n").map((g) => g.split("\n")[1].split("/")[0]);
  assert.deepEqual(groups, ["pod", "service", "deployment.apps", "replicaset.apps"]);
});

Deno.test("kclone get accepts every short name kubectl knows", async () => {
  const { code, stdout, stderr } = await get("po,no,deploy,rs,svc,ep,ev,ns");
  assert.equal(code, 0, stderr);
  for (
    const name of ["pod/big", "node/node-a", "deployment.apps/web", "service/web", "endpoints/web"]
  ) {
    assert.ok(stdout.includes(name), name);
  }
  assert.match(stdout, /namespace\/kube-system/);
  assert.match(stdout, /Warning +FailedScheduling +pod\/big +0\/3 nodes are available/);
});

Deno.test("kclone get pods -o wide shows IP and NODE; -l and --field-selector filter", async () => {
  const wide = await get("pods", "-o", "wide");
  assert.match(
    wide.stdout,
    /^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES$/m,
  );
  assert.match(wide.stdout, /^big +0\/1 +Pending +0 +\d+y +<none> +<none> +<none> +<none>$/m);
  assert.match(
    wide.stdout,
    /^web-\S+ +1\/1 +Running +0 +\d+y +10\.244\.0\.\d +node-a +<none> +<none>$/m,
  );
  const byLabel = await get("pods", "-l", "app=big");
  assert.equal(
    normalizeAges(byLabel.stdout),
    "NAME   READY   STATUS    RESTARTS   AGE\nbig    0/1     Pending   0          <y>\n",
  );
  const byField = await get("pods", "--field-selector", "status.phase=Running", "-o", "name");
  assert.equal(byField.stdout.trim().split("\n").length, 3);
  assert.match(byField.stdout, /^pod\/web-/);
});

Deno.test("kclone get -A adds NAMESPACE; an empty namespace says so on stderr", async () => {
  const all = await get("pods", "-A");
  assert.match(all.stdout, /^NAMESPACE +NAME +READY/);
  assert.match(all.stdout, /^default +big +0\/1 +Pending/m);
  const empty = await get("pods", "-n", "kube-system");
  assert.equal(empty.code, 0);
  assert.equal(empty.stdout, "");
  assert.equal(empty.stderr, "No resources found in kube-system namespace.\n");
});

Deno.test("kclone get -o json prints the object, or a List of several", async () => {
  const one = JSON.parse((await get("pod", "big", "-o", "json")).stdout);
  assert.equal(one.kind, "Pod");
  assert.equal(one.metadata.name, "big");
  assert.equal(one.status.phase, "Pending");
  assert.deepEqual(Object.keys(one), ["apiVersion", "kind", "metadata", "spec", "status"]);
  const list = JSON.parse((await get("pods", "-o", "json")).stdout);
  assert.equal(list.apiVersion, "v1");
  assert.equal(list.kind, "List");
  assert.deepEqual(list.metadata, { resourceVersion: "" });
  assert.equal(list.items.length, 4);
});

Deno.test("kclone get -o yaml and -o name print kubectl's shapes", async () => {
  const yaml = await get("deploy", "-o", "yaml");
  assert.match(
    yaml.stdout,
    /^apiVersion: v1\nitems:\n- apiVersion: apps\/v1\n {2}kind: Deployment\n/,
  );
  assert.match(yaml.stdout, /\nkind: List\nmetadata:\n {2}resourceVersion: ""\n$/);
  assert.equal((await get("deploy", "-o", "name")).stdout, "deployment.apps/web\n");
  assert.equal(
    (await get("svc/web", "no/node-a", "-o", "name")).stdout,
    "service/web\nnode/node-a\n",
  );
});

Deno.test("kclone get fails with kubectl's messages and exit 1", async () => {
  const cases: [string[], string][] = [
    [["foo"], 'error: the server doesn\'t have a resource type "foo"\n'],
    [["pods", "nope"], 'Error from server (NotFound): pods "nope" not found\n'],
    [["deploy", "nope"], 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    [
      ["pods", "-o", "table"],
      'error: unable to match a printer suitable for the output format "table", allowed formats are: json,name,wide,yaml\n',
    ],
  ];
  for (const [args, message] of cases) {
    const { code, stdout, stderr } = await get(...args);
    assert.equal(code, 1, args.join(" "));
    assert.equal(stdout, "");
    assert.equal(stderr, message);
  }
});

Deno.test("kclone get prints no colour codes when piped, even without NO_COLOR", async () => {
  await fixture;
  const { stdout } = await kclone(["get", "pods,nodes"], { db, env: { NO_COLOR: "" } });
  assert.match(stdout, /Running/);
  assert.ok(!stdout.includes("\u001b["));
});

const hasScript = (() => {
  try {
    return new Deno.Command("script", { args: ["--version"], stdout: "null", stderr: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "kclone get colours STATUS on a terminal, unless --no-color",
  ignore: !hasScript,
  fn: async () => {
    await fixture;
    const onTerminal = async (...args: string[]) => {
      const { args: denoArgs, env } = kcloneCommand(["--db", db, ...args], {
        env: { NO_COLOR: "" },
      });
      const line = [Deno.execPath(), ...denoArgs!].map((a) => `'${a}'`).join(" ");
      const output = await new Deno.Command("script", {
        args: ["-qec", line, "/dev/null"],
        env,
        clearEnv: true,
        stdin: "null",
      }).output();
      return new TextDecoder().decode(output.stdout);
    };
    assert.ok((await onTerminal("get", "pods")).includes("\u001b[32mRunning\u001b[39m"));
    assert.ok((await onTerminal("get", "pods")).includes("\u001b[33mPending\u001b[39m"));
    assert.ok(!(await onTerminal("--no-color", "get", "pods")).includes("\u001b["));
  },
});

Deno.test("kclone get -w prints the listing, then a line per change, until SIGINT", async () => {
  await withDb(async (watchDb) => {
    await writeFixture(watchDb);
    const child = new Deno.Command(
      Deno.execPath(),
      kcloneCommand(["get", "pods", "-w"], { db: watchDb }),
    )
      .spawn();
    const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(seen)) {
        const { value, done } = await lines.read();
        if (done) throw new Error(`stdout ended before ${pattern}: ${seen}`);
        seen += value;
      }
    };
    await readUntil(/^big .*\n/m);
    const cluster = await Cluster.open({ db: watchDb });
    await cluster.apply(
      "{apiVersion: v1, kind: Pod, metadata: {name: late}, spec: {containers: [{name: c, image: busybox}]}}",
    );
    await cluster.close();
    await readUntil(/^late +0\/1 +Pending +0 +\d+s\n/m);
    child.kill("SIGINT");
    const status = await child.status;
    await lines.cancel();
    await child.stderr.cancel();
    assert.equal(status.code, 0);
    assert.match(seen, /^NAME +READY +STATUS +RESTARTS +AGE\n/);
  });
});
