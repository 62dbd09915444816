import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { kclone, withDb } from "./_kclone.ts";

const GUESTBOOK = new URL("../../../shared/k8s-examples/application/guestbook", import.meta.url)
  .pathname;

const NODES = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Node
    metadata: { name: node-a }
    status: { capacity: { cpu: "4", memory: 8Gi, pods: "110" } }
  - apiVersion: v1
    kind: Node
    metadata: { name: node-b }
    status: { capacity: { cpu: "4", memory: 8Gi, pods: "110" } }
`;

const WEB = `apiVersion: apps/v1
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
          image: nginx:1.27
          ports: [{ containerPort: 80 }]
          resources: { requests: { cpu: "1", memory: 128Mi } }
`;

const BARE = `apiVersion: v1
kind: Pod
metadata: { name: bare }
spec: { nodeName: node-a, containers: [{ name: c, image: busybox }] }
`;

/** Writes files (path relative to `dir` → text) and returns `dir`. */
async function files(dir: string, contents: Record<string, string>): Promise<string> {
  for (const [path, text] of Object.entries(contents)) {
    await Deno.mkdir(dirname(join(dir, path)), { recursive: true });
    await Deno.writeTextFile(join(dir, path), text);
  }
  return dir;
}

/** Runs kclone on `db` and expects exit 0; returns stdout. */
async function ok(db: string, ...args: string[]): Promise<string> {
  const { code, stdout, stderr } = await kclone(args, { db });
  assert.equal(code, 0, `kclone ${args.join(" ")}: ${stderr}`);
  return stdout;
}

/** Runs kclone on `db` and expects exit 1 and no stack trace; returns stderr. */
async function fails(db: string, ...args: string[]): Promise<string> {
  const { code, stderr } = await kclone(args, { db });
  assert.equal(code, 1, `kclone ${args.join(" ")} should fail`);
  assert.doesNotMatch(stderr, /\bat .*\.ts:\d+/, "no stack trace");
  return stderr;
}

/** The pods of the database as `name node` pairs. */
async function podNodes(db: string): Promise<string[]> {
  const list = JSON.parse(await ok(db, "get", "pods", "-o", "json"));
  return list.items.map((p: { metadata: { name: string }; spec: { nodeName?: string } }) =>
    `${p.metadata.name.replace(/-[a-z0-9]+-[a-z0-9]+$/, "")} ${p.spec.nodeName ?? "<none>"}`
  ).sort();
}

Deno.test("kclone apply -f applies the guestbook directory as kubectl does, then reports unchanged", async () => {
  await withDb(async (db) => {
    const created = [
      "deployment.apps/frontend created",
      "service/frontend created",
      "deployment.apps/redis-follower created",
      "service/redis-follower created",
      "deployment.apps/redis-leader created",
      "service/redis-leader created",
      "",
    ].join("\n");
    assert.equal(await ok(db, "apply", "-f", GUESTBOOK), created);
    assert.equal(
      await ok(db, "apply", "-f", GUESTBOOK),
      created.replaceAll("created", "unchanged"),
    );
    const service = join(GUESTBOOK, "frontend-service.yaml");
    assert.equal(
      await fails(db, "create", "-f", service),
      `Error from server (AlreadyExists): error when creating "${service}": services "frontend" already exists\n`,
    );
    assert.equal(await ok(db, "delete", "-f", service), 'service "frontend" deleted\n');
    assert.equal(await ok(db, "create", "-f", service), "service/frontend created\n");
    const adopted = await kclone(["apply", "-f", service], { db });
    assert.equal(adopted.stdout, "service/frontend configured\n");
    assert.match(
      adopted.stderr,
      /^Warning: resource services\/frontend is missing the kubectl\.kubernetes\.io\/last-applied-configuration annotation which is required by kclone apply\./,
    );
    await ok(db, "delete", "-f", service);
    assert.equal(
      await ok(db, "create", "--save-config", "-f", service),
      "service/frontend created\n",
    );
    assert.equal(await ok(db, "apply", "-f", service), "service/frontend unchanged\n");
  });
});

Deno.test("kclone apply writes nothing when one document is invalid, and names file, document and line", async () => {
  await withDb(async (db) => {
    const dir = await files(dirname(db), {
      "m/a.yaml": WEB,
      "m/b.yaml":
        "apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { ports: [{ port: 80 }] }\n" +
        "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: broken }\nspec:\n" +
        "  replicas: -2\n  selector: { matchLabels: { app: a } }\n  template:\n" +
        "    metadata: { labels: { app: a } }\n    spec: { containers: [{ name: a, image: a }] }\n",
      "m/notes.txt": "not a manifest",
      "m/sub/c.yaml": "not: [valid\n",
    });
    assert.equal(
      await fails(db, "apply", "-f", join(dir, "m")),
      `Error from server (Invalid): ${dir}/m/b.yaml, document 2, line 10: Deployment.apps "broken" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0\n`,
    );
    assert.match(
      await fails(db, "apply", "-R", "-f", join(dir, "m")),
      /^error: error parsing .*\/m\/sub\/c\.yaml: document 1, line 2: /,
    );
    assert.equal(
      await fails(db, "apply", "-f", join(dir, "nope.yaml")),
      `error: the path "${dir}/nope.yaml" does not exist\n`,
    );
    assert.equal(await fails(db, "apply"), "error: must specify one of -f and -k\n");
    assert.equal(
      await ok(db, "apply", "-f", join(dir, "m/a.yaml")),
      "deployment.apps/web created\n",
    );
    const stdin = await kclone(["apply", "-f", "-"], { db, stdin: WEB.replace("2", "3") });
    assert.equal(stdin.stdout, "deployment.apps/web configured\n");
    assert.equal(
      await fails(db, "-n", "dev", "apply", "-f", join(dir, "m/a.yaml")),
      'Error from server (NotFound): m/a.yaml, document 1, line 1: namespaces "dev" not found\n'
        .replace("m/a.yaml", `${dir}/m/a.yaml`),
    );
  });
});

Deno.test("kclone apply of many files prints no progress bar when stderr is piped", async () => {
  await withDb(async (db) => {
    const many: Record<string, string> = {};
    for (let i = 10; i < 40; i++) {
      many[`many/ns-${i}.yaml`] = `apiVersion: v1\nkind: Namespace\nmetadata: { name: ns-${i} }\n`;
    }
    const dir = await files(dirname(db), many);
    const { code, stdout, stderr } = await kclone(["apply", "-f", join(dir, "many")], { db });
    assert.equal(code, 0);
    assert.equal(stdout.split("\n").filter((l) => l.endsWith(" created")).length, 30);
    assert.equal(stderr, "");
  });
});

Deno.test("kclone rollout, set image and scale follow a deployment through a rolling update and back", async () => {
  await withDb(async (db) => {
    await files(dirname(db), { "nodes.yaml": NODES, "web.yaml": WEB });
    await ok(
      db,
      "apply",
      "-f",
      join(dirname(db), "nodes.yaml"),
      "-f",
      join(dirname(db), "web.yaml"),
    );
    assert.equal(
      await ok(db, "rollout", "status", "deployment/web"),
      'deployment "web" successfully rolled out\n',
    );
    assert.equal(
      await ok(db, "set", "image", "deployment/web", "web=nginx:1.28"),
      "deployment.apps/web image updated\n",
    );
    assert.equal(await ok(db, "set", "image", "deployment/web", "web=nginx:1.28"), "");
    assert.equal(
      await fails(db, "set", "image", "deployment", "web", "sidecar=envoy"),
      'error: unable to find container named "sidecar"\n',
    );
    assert.equal(
      await ok(db, "rollout", "history", "deployment/web"),
      "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n",
    );
    const revision1 = await ok(db, "rollout", "history", "deploy/web", "--revision", "1");
    assert.match(
      revision1,
      /^deployment\.apps\/web with revision #1\nPod Template:\n {2}Labels: {2}app=web\n/,
    );
    assert.match(revision1, /\n {4}Image: {6}nginx:1\.27\n {4}Port: {7}80\/TCP\n/);
    assert.equal(
      await ok(db, "rollout", "undo", "deployment/web"),
      "deployment.apps/web rolled back\n",
    );
    assert.equal(
      await ok(db, "rollout", "undo", "deployment/web", "--to-revision", "3"),
      "deployment.apps/web skipped rollback (current template already matches revision 3)\n",
    );
    assert.equal(
      await fails(db, "rollout", "undo", "deployment/web", "--to-revision", "9"),
      "error: unable to find specified revision 9 in history\n",
    );
    assert.equal(
      await fails(db, "rollout", "status", "pod/web"),
      "error: no status viewer has been implemented for Pod\n",
    );
    assert.equal(
      await ok(db, "scale", "deployment/web", "--replicas", "3"),
      "deployment.apps/web scaled\n",
    );
    assert.equal(
      await ok(db, "scale", "deployment", "web", "--replicas=4"),
      "deployment.apps/web scaled\n",
    );
    assert.deepEqual(await podNodes(db), ["web node-a", "web node-a", "web node-a", "web node-a"]);
    assert.equal(
      await fails(db, "scale", "deployment/web"),
      'error: required flag(s) "replicas" not set\n',
    );
    assert.equal(
      await fails(db, "scale", "deployment/nope", "--replicas", "1"),
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
    await ok(db, "scale", "deployment/web", "--replicas", "9");
    const waiting = await kclone(["rollout", "status", "deployment/web", "--timeout", "300ms"], {
      db,
    });
    assert.equal(waiting.code, 1);
    assert.equal(
      waiting.stdout,
      'Waiting for deployment "web" rollout to finish: 8 of 9 updated replicas are available... (Warning: 0/2 nodes are available: 2 Insufficient cpu.)\n',
    );
    assert.equal(waiting.stderr, "error: timed out waiting for the condition\n");
  });
});

Deno.test("kclone cordon, taint, label and drain change nodes as kubectl does", async () => {
  await withDb(async (db) => {
    await files(dirname(db), { "nodes.yaml": NODES, "web.yaml": WEB, "bare.yaml": BARE });
    for (const f of ["nodes.yaml", "web.yaml", "bare.yaml"]) {
      await ok(db, "apply", "-f", join(dirname(db), f));
    }
    assert.equal(await ok(db, "cordon", "node-b"), "node/node-b cordoned\n");
    assert.equal(await ok(db, "cordon", "node-b"), "node/node-b already cordoned\n");
    assert.equal(await ok(db, "uncordon", "node-b"), "node/node-b uncordoned\n");
    assert.equal(
      await fails(db, "cordon", "node-z"),
      'Error from server (NotFound): nodes "node-z" not found\n',
    );
    assert.equal(
      await ok(db, "taint", "nodes", "node-b", "dedicated=gpu:NoSchedule"),
      "node/node-b tainted\n",
    );
    assert.equal(
      await fails(db, "taint", "node-b", "dedicated=cpu:NoSchedule"),
      "error: node node-b already has dedicated taint(s) with same effect(s) and --overwrite is false\n",
    );
    assert.equal(
      await ok(db, "taint", "node/node-b", "dedicated:NoSchedule-"),
      "node/node-b untainted\n",
    );
    assert.equal(
      await fails(db, "taint", "node-b", "dedicated-"),
      'error: taint "dedicated" not found\n',
    );
    assert.equal(
      await fails(db, "taint", "node-b", "dedicated=gpu:Sometimes"),
      "error: invalid taint effect: Sometimes, unsupported taint effect\n",
    );
    assert.equal(await ok(db, "label", "pod", "bare", "tier=db"), "pod/bare labeled\n");
    assert.equal(
      await fails(db, "label", "pod", "bare", "tier=cache"),
      "error: 'tier' already has a value (db), and --overwrite is false\n",
    );
    assert.equal(
      await ok(db, "label", "pod/bare", "tier=cache", "--overwrite"),
      "pod/bare labeled\n",
    );
    assert.equal(await ok(db, "label", "pod", "bare", "tier-"), "pod/bare unlabeled\n");
    assert.equal(
      await fails(db, "label", "pod", "bare", "a=b=c"),
      "error: invalid label spec: a=b=c\n",
    );
    const refused = await kclone(["drain", "node-a"], { db });
    assert.equal(refused.code, 1);
    assert.equal(refused.stdout, "node/node-a cordoned\n");
    assert.equal(
      refused.stderr,
      'error: unable to drain node "node-a" due to error: cannot delete Pods that declare no controller (use --force to override): default/bare, continuing command...\n' +
        "There are pending nodes to be drained:\n node-a\n" +
        "cannot delete Pods that declare no controller (use --force to override): default/bare\n",
    );
    const drained = await kclone(["drain", "node-a", "--force", "--ignore-daemonsets"], { db });
    assert.equal(drained.code, 0, drained.stderr);
    assert.equal(
      drained.stderr,
      "Warning: deleting Pods that declare no controller: default/bare\n",
    );
    const lines = drained.stdout.split("\n");
    assert.deepEqual(lines.slice(0, 2), [
      "node/node-a already cordoned",
      "evicting pod default/bare",
    ]);
    assert.match(drained.stdout, /\npod\/bare evicted\n/);
    assert.equal(lines.filter((l) => /^pod\/web-.* evicted$/.test(l)).length, 2);
    assert.equal(lines.at(-2), "node/node-a drained");
    assert.deepEqual(await podNodes(db), ["web node-b", "web node-b"]);
  });
});

Deno.test("kclone delete deletes by name, selector and --all, and --cascade=orphan keeps what is owned", async () => {
  await withDb(async (db) => {
    await files(dirname(db), { "nodes.yaml": NODES, "web.yaml": WEB, "bare.yaml": BARE });
    for (const f of ["nodes.yaml", "web.yaml", "bare.yaml"]) {
      await ok(db, "apply", "-f", join(dirname(db), f));
    }
    assert.equal(await ok(db, "delete", "pod", "bare"), 'pod "bare" deleted\n');
    assert.equal(
      await fails(db, "delete", "pod", "bare"),
      'Error from server (NotFound): pods "bare" not found\n',
    );
    assert.equal(await ok(db, "delete", "pod", "bare", "--ignore-not-found"), "");
    assert.match(
      await ok(db, "delete", "pods", "-l", "app=web"),
      /^pod "web-[a-z0-9]+-[a-z0-9]+" deleted\npod "web-/,
    );
    assert.equal((await podNodes(db)).length, 2, "the ReplicaSet replaced them");
    assert.equal(await ok(db, "delete", "pods", "-l", "app=none"), "No resources found\n");
    assert.equal(
      await ok(db, "delete", "deploy/web", "--cascade=orphan"),
      'deployment.apps "web" deleted\n',
    );
    assert.match(
      await ok(db, "delete", "rs", "--all", "--cascade=orphan"),
      /^replicaset\.apps "web-[a-z0-9]+" deleted\n$/,
    );
    assert.match(
      await ok(db, "delete", "pods", "--all", "-o", "name"),
      /^pod\/web-[a-z0-9]+-[a-z0-9]+\npod\/web-[a-z0-9]+-[a-z0-9]+\n$/,
      "the orphaned pods outlived their owners",
    );
    assert.equal(
      await fails(db, "delete", "pods"),
      "error: resource(s) were provided, but no name was specified\n",
    );
    assert.equal(
      await fails(db, "delete", "pods", "--cascade=sometimes", "--all"),
      'error: invalid cascade value (sometimes). Must be "background", "foreground", or "orphan"\n',
    );
    assert.equal(
      await fails(db, "delete", "widgets", "x"),
      'error: the server doesn\'t have a resource type "widgets"\n',
    );
  });
});

Deno.test("kclone answers mistakes with one line and the usage hint", async () => {
  await withDb(async (db) => {
    assert.equal(
      await fails(db, "apply", "--filname", "x.yaml"),
      "error: unknown option '--filname'\n(Did you mean --filename?)\n(run 'kclone --help' for usage)\n",
    );
    assert.equal(
      await fails(db, "aply", "x.yaml"),
      "error: unknown command 'aply'\n(Did you mean apply?)\n(run 'kclone --help' for usage)\n",
    );
    assert.equal(
      await fails(db, "rollout", "stats", "deploy/web"),
      "error: unknown command 'stats'\n(Did you mean status?)\n(run 'kclone --help' for usage)\n",
    );
  });
});

Deno.test("kclone completion prints scripts that complete every command", async () => {
  await withDb(async (db) => {
    const bash = await ok(db, "completion", "bash");
    const help = await ok(db, "--help");
    const commands = [...help.matchAll(/^ {2}([a-z][a-z-]+)/gm)].map((m) => m[1]);
    assert.ok(commands.length > 20);
    for (const command of commands) assert.match(bash, new RegExp(`'/${command}'\\)`), command);
    const path = join(dirname(db), "kclone.bash");
    await Deno.writeTextFile(path, bash);
    const script =
      `source ${path}; t() { COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); ` +
      `_kclone; echo "\${COMPREPLY[*]}"; }; t kclone ap; t kclone --db x.db rollout st; ` +
      `t kclone -n dev delete pod web --casc`;
    const run = await new Deno.Command("bash", { args: ["-c", script] }).output();
    assert.equal(new TextDecoder().decode(run.stdout), "apply\nstatus\n--cascade\n");
    assert.match(
      await ok(db, "completion", "zsh"),
      /^#compdef kclone\n[\s\S]*compdef _kclone kclone\n$/,
    );
    assert.match(
      await ok(db, "completion", "fish"),
      /complete -c kclone -n '__fish_seen_subcommand_from rollout; and not __fish_seen_subcommand_from status history undo' -a status /,
    );
    assert.equal(await fails(db, "completion", "pwsh"), 'error: Unsupported shell type "pwsh".\n');
  });
});
