import assert from "node:assert/strict";
import { kclone, type KcloneResult, withDb } from "./_kclone.ts";

const ESC = "\x1b[";

/** Runs kclone on `db` and insists it succeeded, with nothing on stderr and no escape codes. */
async function ok(db: string, ...args: string[]): Promise<string> {
  const result = await kclone(args, { db });
  assert.equal(result.code, 0, `kclone ${args.join(" ")}: ${result.stderr}`);
  assert.equal(result.stderr, "", `kclone ${args.join(" ")}`);
  assert.ok(!result.stdout.includes(ESC), "no escape codes when piped");
  return result.stdout;
}

/** The NAME and NODE columns of `pods` (UIDs differ from run to run). */
function podPlaces(pods: string): string[] {
  return pods.trim().split("\n").slice(1).map((row) => {
    const cells = row.split(/\s{3,}/);
    return `${cells[1].replace(/-[a-z0-9]{8,10}-[a-z0-9]{5}$/, "-*")} ${cells[3]} ${cells[4]}`;
  });
}

/** Exit 1, one line on stderr (commander adds its usage hint), no stack trace. */
function assertOneLineFailure(result: KcloneResult, first: RegExp): void {
  assert.equal(result.code, 1, result.stderr);
  const lines = result.stderr.trimEnd().split("\n");
  assert.match(lines[0], first);
  assert.ok(
    lines.length === 1 || (lines.length === 2 && lines[1] === "(run 'kclone --help' for usage)"),
    result.stderr,
  );
  assert.doesNotMatch(result.stderr, /\n\s+at /);
}

Deno.test("node-add, node and n add nodes with the original defaults; nodes lists them", async () => {
  await withDb(async (db) => {
    assert.equal(
      await ok(db, "node-add", "node-a"),
      "node/node-a created\n  cpu 4, memory 4096Mi, pods 110; Ready\n",
    );
    const flags = ["-c", "2", "-m", "1Gi", "-l", "zone=b", "--taints", "gpu=yes:NoSchedule"];
    assert.match(
      await ok(db, "node", "node-b", ...flags, "--pods", "10"),
      /cpu 2, memory 1Gi, pods 10;/,
    );
    await ok(db, "n", "node-c", "--cpu", "500m", "--mem", "512");
    assert.equal(
      await ok(db, "nodes"),
      [
        "NAME     STATUS   CPU(REQ/ALLOC)   MEMORY(REQ/ALLOC)   PODS",
        "node-a   Ready    0/4              0/4Gi               0/110",
        "node-b   Ready    0/2              0/1Gi               0/10",
        "node-c   Ready    0/500m           0/512Mi             0/110",
        "",
      ].join("\n"),
    );
  });
});

Deno.test("deploy-create bin-packs three replicas on one node; status adds them up", async () => {
  await withDb(async (db) => {
    await ok(db, "node-add", "node-a");
    await ok(db, "node-add", "node-b");
    const created = await ok(
      db,
      "deploy-create",
      "web",
      "--image",
      "nginx:1.27",
      "--replicas",
      "3",
    );
    assert.match(created, /^deployment\.apps\/web created\n/);
    assert.equal(created.match(/assigned to node-a/g)?.length, 3, created);
    assert.deepEqual(podPlaces(await ok(db, "pods")), [
      "web-* Running node-a",
      "web-* Running node-a",
      "web-* Running node-a",
    ]);
    assert.equal(
      await ok(db, "status"),
      [
        "RESOURCE   REQUESTED   ALLOCATABLE   CAPACITY   USED",
        "cpu        3           8             8          37%",
        "memory     384Mi       8Gi           8Gi        4%",
        "pods       3           220           220        1%",
        "",
        "Nodes: 2 (2 Ready, 0 NotReady)",
        "Pods: 3 (Pending 0, Running 3, Succeeded 0, Failed 0, Unknown 0)",
        "",
      ].join("\n"),
    );
    const scaled = await ok(db, "deploy-scale", "web", "--replicas", "5");
    assert.match(scaled, /^deployment\.apps\/web scaled\n/);
    assert.equal(scaled.match(/assigned to node-a/g)?.length, 4, "node-a fills up first");
    assert.equal(scaled.match(/assigned to node-b/g)?.length, 1, scaled);
  });
});

Deno.test("remove-node and its aliases: pods are evicted and replaced on other nodes", async () => {
  await withDb(async (db) => {
    for (const node of ["node-a", "node-b", "node-c", "node-d", "node-e"]) {
      await ok(db, "node-add", node);
    }
    await ok(db, "deploy-create", "web", "--image", "nginx", "--replicas", "2", "--cpu", "2");
    const removed = await ok(db, "remove-node", "node-a");
    assert.match(
      removed,
      /^node\/node-a deleted\n(pod\/web-\S+ evicted, replaced by pod\/web-\S+ on node-b\n){2}$/,
    );
    for (
      const [alias, node] of [["node-delete", "node-c"], ["node-rm", "node-d"], [
        "rm-node",
        "node-e",
      ]]
    ) {
      assert.equal(await ok(db, alias, node), `node/${node} deleted\n`);
    }
    assert.deepEqual(podPlaces(await ok(db, "pods")), [
      "web-* Running node-b",
      "web-* Running node-b",
    ]);
  });
});

Deno.test("pod-create and its aliases; pod-delete by name and by UID", async () => {
  await withDb(async (db) => {
    await ok(db, "node-add", "node-a");
    assert.equal(
      await ok(db, "pod-create", "one", "--image", "nginx:1.27"),
      "pod/one created\npod/one assigned to node-a\n",
    );
    await ok(db, "pod", "two", "-i", "redis:7", "-c", "250m", "-m", "64", "-l", "tier=cache");
    await ok(db, "pod-add", "three", "-i", "busybox");
    assert.match(
      await ok(db, "p", "four", "-i", "busybox", "--cpu", "8"),
      /pod\/four Pending: 0\/1 nodes are available: 1 Insufficient cpu\./,
    );
    const pods = await ok(db, "pods");
    assert.match(pods, /^UID +NAME +IMAGE +PHASE +NODE\n/);
    assert.match(pods, /\n[0-9a-f-]{36} +two +redis:7 +Running +node-a\n/);
    assert.match(pods, /\n[0-9a-f-]{36} +four +busybox +Pending +<none>\n/);
    const uid = pods.match(/\n([0-9a-f-]{36}) +two /)![1];
    assert.equal(await ok(db, "pod-delete", "one"), 'pod "one" deleted\n');
    assert.equal(await ok(db, "pod-delete", uid), 'pod "two" deleted\n');
    assert.deepEqual(podPlaces(await ok(db, "pods")), [
      "four Pending <none>",
      "three Running node-a",
    ]);
  });
});

Deno.test("service-create, services and service-route: the rotation continues across runs", async () => {
  await withDb(async (db) => {
    await ok(db, "node-add", "node-a");
    await ok(db, "deploy-create", "web", "--image", "nginx", "--replicas", "3");
    const created = await ok(db, "service-create", "web", "--type", "NodePort", "--port", "8080");
    const nodePort = created.match(/node port (3\d{4});/)?.[1];
    assert.equal(
      created,
      "service/web created\n" +
        `  NodePort 10.96.1.1:8080 -> 80, node port ${nodePort}; ` +
        "endpoints 10.244.0.2:80,10.244.0.3:80,10.244.0.4:80\n",
    );
    assert.equal(
      await ok(db, "services"),
      [
        "NAME   TYPE       CLUSTER-IP   PORT(S)          ENDPOINTS                                   SELECTOR",
        `web    NodePort   10.96.1.1    8080:${nodePort}/TCP   10.244.0.2:80,10.244.0.3:80,10.244.0.4:80   app=web`,
        "",
      ].join("\n"),
    );
    const first = await ok(db, "service-route", "web", "--count", "3");
    const pods = [...first.matchAll(/-> (\S+) \((10\.244\.0\.\d:80)\)/g)].map((m) => m[2]);
    assert.deepEqual(pods, ["10.244.0.2:80", "10.244.0.3:80", "10.244.0.4:80"]);
    assert.match(
      await ok(db, "service-route", "web"),
      /^request 1 -> web-\S+ \(10\.244\.0\.2:80\)\n$/,
    );
  });
});

Deno.test("state-save then state-load --force into another database reproduces the pods", async () => {
  await withDb(async (db) => {
    await withDb(async (other) => {
      await ok(db, "node-add", "node-a");
      await ok(db, "deploy-create", "web", "--image", "nginx", "--replicas", "2");
      const snapshot = db.replace(/kclone\.db$/, "state.json");
      assert.match(
        await ok(db, "state-save", snapshot),
        /^state saved to .*state\.json \(\d+ objects\)\n$/,
      );
      await ok(other, "node-add", "node-z");
      const refused = await kclone(["state-load", snapshot], { db: other });
      assertOneLineFailure(
        refused,
        /^error: .* is not empty \(nodes: 1\); use --force to replace everything in it with /,
      );
      assert.match(await ok(other, "nodes"), /node-z/, "nothing changed");
      assert.match(await ok(other, "state-load", snapshot, "--force"), /^state loaded from /);
      assert.equal(await ok(other, "pods"), await ok(db, "pods"));
      assert.doesNotMatch(await ok(other, "nodes"), /node-z/);
    });
  });
});

Deno.test("two CLI processes writing to one database at once both succeed", async () => {
  await withDb(async (db) => {
    await ok(db, "node-add", "node-a");
    const [one, two] = await Promise.all([
      kclone(["pod-create", "one", "-i", "nginx"], { db }),
      kclone(["pod-create", "two", "-i", "nginx"], { db }),
    ]);
    assert.equal(one.code, 0, one.stderr);
    assert.equal(two.code, 0, two.stderr);
    assert.deepEqual(podPlaces(await ok(db, "pods")), ["one Running node-a", "two Running node-a"]);
  });
});

Deno.test("up and --up print the banner and a summary; piped, without escape codes", async () => {
  await withDb(async (db) => {
    await ok(db, "node-add", "node-a");
    for (const args of [["up"], ["--up"]]) {
      const result = await kclone(args, { db, env: { NO_COLOR: "" } });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^ _ {11}_\n\| \| __/);
      assert.match(result.stdout, /a small Kubernetes you can read {2}· {2}v\d+\.\d+\.\d+\n/);
      assert.match(result.stdout, /\nNodes: 1 \(1 Ready, 0 NotReady\)\n/);
      assert.match(result.stdout, /\nnode-a +Ready +0\/4 /);
      assert.ok(!result.stdout.includes(ESC));
    }
    const withCommand = await ok(db, "--up", "nodes");
    assert.match(withCommand, /v\d+\.\d+\.\d+\nNAME +STATUS/);
  });
});

Deno.test("bad input exits 1 with one line and changes nothing", async () => {
  await withDb(async (db) => {
    await ok(db, "node-add", "node-a");
    await ok(db, "deploy-create", "web", "--image", "nginx");
    const before = [await ok(db, "nodes"), podPlaces(await ok(db, "pods"))];
    const cases: [string[], RegExp][] = [
      [
        ["node-add", "x", "--cpu", "abc"],
        /^error: invalid argument "abc" for "--cpu" flag: quantities must match/,
      ],
      [
        ["node-add", "x", "--labels", "a=b=c"],
        /^error: invalid argument "a=b=c" for "--labels" flag: unexpected label spec: a=b=c$/,
      ],
      [
        ["node-add", "x", "--taints", "gpu=yes"],
        /^error: invalid argument "gpu=yes" for "--taints" flag: invalid taint spec: gpu=yes$/,
      ],
      [["node-add", "x", "--colour"], /^error: unknown option '--colour'/],
      [["pod-create", "x"], /^error: required option '-i, --image <image>' not specified$/],
      [
        ["deploy-create", "x", "--image", "n", "--replicas", "two"],
        /^error: invalid argument "two" for "--replicas" flag: strconv\.ParseInt: parsing "two": invalid syntax$/,
      ],
      [
        ["deploy-create", "x", "--image", "n", "--replicas", "-1"],
        /^Error from server \(Invalid\): Deployment\.apps "x" is invalid: spec\.replicas: Invalid value: -1: must be greater than or equal to 0$/,
      ],
      [
        ["deploy-scale", "web", "--replicas", "-2"],
        /^Error from server \(Invalid\): Deployment\.apps "web" is invalid: spec\.replicas: Invalid value: -2/,
      ],
      [
        ["deploy-scale", "nope", "--replicas", "2"],
        /^Error from server \(NotFound\): deployments\.apps "nope" not found$/,
      ],
      [["remove-node", "nope"], /^Error from server \(NotFound\): nodes "nope" not found$/],
      [["pod-delete", "nope"], /^Error from server \(NotFound\): pods "nope" not found$/],
      [
        ["service-create", "web", "--type", "LoadBalancer"],
        /^error: option '--type <type>' argument 'LoadBalancer' is invalid\. Allowed choices are ClusterIP, NodePort\.$/,
      ],
      [["service-route", "nope"], /^Error from server \(NotFound\): services "nope" not found$/],
      [
        ["control-loop", "--interval", "0"],
        /^error: invalid argument "0" for "--interval" flag: must be greater than 0$/,
      ],
    ];
    for (const [args, first] of cases) {
      const result = await kclone(args, { db });
      assertOneLineFailure(result, first);
      assert.equal(result.stdout, "", args.join(" "));
    }
    assert.deepEqual([await ok(db, "nodes"), podPlaces(await ok(db, "pods"))], before);
  });
});
