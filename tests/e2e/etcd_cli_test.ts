import assert from "node:assert/strict";
import type { AnyObject } from "../../lib/api/types.ts";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { StoreOpenError } from "../../lib/store/sqlite.ts";
import { ETCD_MISSING, etcdPresent, startEtcdMember } from "../store/_etcd_member.ts";
import { etcdKeys, KCLONE_ETCD_FLAGS, startServerOnEtcd } from "./_etcd_server.ts";
import { kclone, kcloneCommand, type KcloneResult } from "./_kclone.ts";
import { kubectl, kubectlPresent } from "./_kubectl.ts";

/** Runs `fn` with the URL of a fresh etcd member and a temporary directory; removes both. */
async function withEtcd(fn: (url: string, dir: string) => Promise<void>): Promise<void> {
  const etcd = await startEtcdMember(KCLONE_ETCD_FLAGS);
  const dir = await Deno.makeTempDir({ prefix: "kclone-etcd-e2e-" });
  try {
    await fn(etcd.urls[0], dir);
  } finally {
    await etcd.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/** Runs kclone in `dir` (where `kclone server` leaves its token file). */
async function kcloneIn(dir: string, args: string[]): Promise<KcloneResult> {
  const output = await new Deno.Command(Deno.execPath(), { ...kcloneCommand(args), cwd: dir })
    .output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

async function snapshotItems(path: string): Promise<Map<string, AnyObject>> {
  const { items } = JSON.parse(await Deno.readTextFile(path)) as { items: AnyObject[] };
  const key = (o: AnyObject) => `${o.kind} ${o.metadata.namespace ?? ""}/${o.metadata.name}`;
  return new Map(items.map((item) => [key(item), item]));
}

/** The leader Lease every settling CLI command takes and renews, so it differs between saves. */
const LEADER_LEASE = "Lease kube-system/kclone-controller-manager";

Deno.test("Cluster.open({ etcd }) with no member answering throws StoreOpenError naming the URLs", async () => {
  const urls = ["http://127.0.0.1:1", "http://127.0.0.1:9"];
  await assert.rejects(() => Cluster.open({ etcd: urls }), (error: Error) => {
    assert.ok(error instanceof StoreOpenError);
    assert.equal(error.path, "http://127.0.0.1:1,http://127.0.0.1:9");
    return true;
  });
});

Deno.test("kclone --etcd on an unreachable etcd exits 1 with one line naming the URL", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-etcd-e2e-" });
  try {
    for (const command of [["get", "pods"], ["server", "--port", "0"], ["control-loop"]]) {
      const result = await kcloneIn(dir, ["--etcd", "http://127.0.0.1:1", ...command]);
      assert.equal(result.code, 1, command.join(" "));
      assert.equal(result.stdout, "");
      assert.match(result.stderr, /^error: cannot open store http:\/\/127\.0\.0\.1:1: [^\n]+\n$/);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("kclone --etcd with --db or --server, or control-loop with a path too, is a usage error", async () => {
  const withDb = await kclone(["--etcd", "http://127.0.0.1:1", "--db", "x.db", "get", "pods"]);
  assert.equal(withDb.code, 1);
  assert.equal(
    withDb.stderr,
    "error: option '--etcd <urls>' cannot be used with option '--db <path>'\n" +
      "(run 'kclone --help' for usage)\n",
  );
  const withServer = await kclone(["--server", "http://127.0.0.1:1", "get", "pods"], {
    env: { KCLONE_ETCD: "http://127.0.0.1:1" },
  });
  assert.equal(withServer.code, 1);
  assert.equal(
    withServer.stderr,
    "error: environment variable 'KCLONE_ETCD' cannot be used with option '--server <url>'\n" +
      "(run 'kclone --help' for usage)\n",
  );
  const loop = await kclone(["--etcd", "http://127.0.0.1:1", "control-loop", "x.db"]);
  assert.equal(loop.code, 1);
  assert.equal(loop.stderr, "error: control-loop takes a database path or --etcd, not both\n");
});

if (!etcdPresent()) {
  Deno.test({ name: `kclone on etcd: ${ETCD_MISSING}`, ignore: true, fn: () => {} });
  console.log(`etcd_cli_test.ts: ${ETCD_MISSING}`);
} else {
  Deno.test("kclone --etcd: node-add, pod-create, get pods -o wide and deploy-create settle on etcd", async () => {
    await withEtcd(async (url) => {
      const run = (...args: string[]) => kclone(["--etcd", url, ...args]);
      const added = await run("node-add", "n1");
      assert.equal(added.stderr, "");
      assert.equal(added.stdout, "node/n1 created\n  cpu 4, memory 4096Mi, pods 110; Ready\n");
      const created = await run("pod-create", "p1", "--image", "nginx");
      assert.equal(created.stdout, "pod/p1 created\npod/p1 assigned to n1\n");
      const wide = await run("get", "pods", "-o", "wide");
      assert.match(
        wide.stdout,
        /^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES\np1 +1\/1 +Running +0 +\d+s +10\.244\.0\.\d+ +n1 +<none> +<none>\n$/,
      );
      const deployed = await run("deploy-create", "web", "--replicas", "3", "--image", "nginx");
      assert.equal(deployed.stderr, "");
      assert.match(
        deployed.stdout,
        /^deployment\.apps\/web created\n(pod\/web-[a-z0-9]+-[a-z0-9]{5} assigned to n1\n){3}$/,
      );
      // KCLONE_ETCD does what --etcd does.
      const deployments = await kclone(["get", "deployments"], { env: { KCLONE_ETCD: url } });
      assert.match(
        deployments.stdout,
        /^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb +3\/3 +3 +3 +/,
      );
    });
  });

  Deno.test("kclone state-save and state-load move a cluster from SQLite to etcd and back, keeping every object", async () => {
    await withEtcd(async (url, dir) => {
      const a = ["--db", `${dir}/a.db`], b = ["--db", `${dir}/b.db`], e = ["--etcd", url];
      await kclone([...a, "node-add", "n1"]);
      await kclone([...a, "deploy-create", "web", "--replicas", "3", "--image", "nginx"]);
      await kclone([...a, "service-create", "web", "--selector", "app=web", "--port", "80"]);
      const steps: [string[], string][] = [
        [[...a, "state-save", `${dir}/s.json`], `state saved to ${dir}/s.json (23 objects)\n`],
        [[...e, "state-load", `${dir}/s.json`], `state loaded from ${dir}/s.json (23 objects)\n`],
        [[...e, "state-save", `${dir}/t.json`], `state saved to ${dir}/t.json (23 objects)\n`],
        [[...b, "state-load", `${dir}/t.json`], `state loaded from ${dir}/t.json (23 objects)\n`],
        [[...b, "state-save", `${dir}/u.json`], `state saved to ${dir}/u.json (23 objects)\n`],
      ];
      for (const [args, printed] of steps) {
        const result = await kclone(args);
        assert.equal(result.stderr, "", args.join(" "));
        assert.equal(result.stdout, printed);
      }
      const [s, t, u] = await Promise.all(
        ["s", "t", "u"].map((name) => snapshotItems(`${dir}/${name}.json`)),
      );
      assert.deepEqual([...t.keys()], [...s.keys()]);
      assert.deepEqual([...u.keys()], [...s.keys()]);
      for (const [key, object] of s) {
        if (key === LEADER_LEASE) continue;
        // Everything, uid and resourceVersion included, as SQLite saved it.
        assert.deepEqual(t.get(key), object, `${key} through etcd`);
        assert.deepEqual(u.get(key), object, `${key} back in SQLite`);
      }
      // On etcd the objects sit where Kubernetes keeps them.
      const pods = [...s.values()].filter((o) => o.kind === "Pod").map((o) => o.metadata.name);
      assert.equal(pods.length, 3);
      const keys = await etcdKeys(url);
      for (const pod of pods) assert.ok(keys.includes(`/registry/pods/default/${pod}`), pod);
      assert.ok(keys.includes("/registry/services/specs/default/web"));
      assert.ok(keys.includes("/registry/minions/n1"));
    });
  });

  Deno.test({
    name:
      "kclone server --etcd serves kubectl: a deployment's pods run, its objects under /registry/",
    ignore: !(await kubectlPresent()),
    fn: async () => {
      await withEtcd(async (url, dir) => {
        await kclone(["--etcd", url, "node-add", "n1"]);
        const server = await startServerOnEtcd([url], dir);
        try {
          const created = await kubectl(server.kubeconfig, [
            ...["create", "deployment", "api", "--image", "nginx", "--replicas", "2"],
          ]);
          assert.equal(created.stdout, "deployment.apps/api created\n");
          const deadline = Date.now() + 20_000;
          let phases = "";
          while (phases !== "Running Running" && Date.now() < deadline) {
            const got = await kubectl(server.kubeconfig, [
              ...["get", "pods", "-l", "app=api", "-o", "jsonpath={.items[*].status.phase}"],
            ]);
            phases = got.stdout;
          }
          assert.equal(phases, "Running Running");
          const keys = await etcdKeys(url);
          assert.ok(keys.includes("/registry/deployments/default/api"));
          assert.ok(keys.includes("/registry/namespaces/default"));
          assert.equal(
            keys.filter((k) => /^\/registry\/replicasets\/default\/api-/.test(k)).length,
            1,
          );
          const pods = keys.filter((k) =>
            /^\/registry\/pods\/default\/api-[a-z0-9]+-[a-z0-9]{5}$/.test(k)
          );
          assert.equal(pods.length, 2);
        } finally {
          assert.equal(await server.stop(), 0);
        }
      });
    },
  });
}
