/**
 * The lean `kclone-agent` program (agent.ts): its command line, and a module graph that keeps
 * out everything a node does not run (the cluster, the API server, zod, yaml, protobufjs).
 *
 * @module
 */
import assert from "node:assert/strict";
import { startServer } from "../e2e/_kubectl.ts";
import {
  localModules,
  moduleGraph,
  reachedPackages,
  ROOT,
  staticNodeBuiltins,
} from "./_module_graph.ts";

/** Runs `deno run -A agent.ts ...args` in the repository; its exit code, stdout and stderr. */
async function runAgent(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "agent.ts", ...args],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", KCLONE_SERVER: "", KCLONE_TOKEN: "" },
  }).output();
  const text = new TextDecoder();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

Deno.test("kclone-agent --help lists the agent's flags and the server flags", async () => {
  const { code, stdout } = await runAgent("--help");
  assert.equal(code, 0);
  assert.match(stdout, /^Usage: kclone-agent \[options\]$/m);
  for (
    const flag of [
      "--server <url>",
      "--token <token>",
      "--certificate-authority <file>",
      "--no-color",
      "--name <node>",
      "-c, --cpu <cores>",
      "-m, --mem <MiB>",
      "-l, --labels <k=v,k=v>",
      "--taints <k=v:Effect,k=v:Effect>",
      "--pods <count>",
      "--address <address>",
      "--port <port>",
      "--pod-cidr <cidr>",
      "--root <dir>",
      "--lease-interval <duration>",
      "--crash-loop-back-off <duration>",
      "-v, --version",
    ]
  ) {
    assert.ok(stdout.includes(`  ${flag} `), `--help does not list ${flag}:\n${stdout}`);
  }
});

Deno.test("kclone-agent --version prints kclone's version", async () => {
  const { code, stdout } = await runAgent("--version");
  assert.equal(code, 0);
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
  assert.equal(stdout, `${config.version}\n`);
});

Deno.test("kclone-agent with an unknown flag exits 1 with commander's error line and the help hint, no stack trace", async () => {
  const { code, stdout, stderr } = await runAgent("--name", "n1", "--bogus");
  assert.equal(code, 1);
  assert.equal(stdout, "");
  assert.equal(
    stderr,
    "error: unknown option '--bogus'\n(run 'kclone-agent --help' for usage)\n",
  );
});

Deno.test("kclone-agent with a bad flag value or no server exits 1 with one error line", async () => {
  const cases: [string[], string][] = [
    [
      ["--server", "http://127.0.0.1:1", "--name", "n1", "--pods", "-3"],
      'error: invalid argument "-3" for "--pods" flag: must be greater than or equal to 0\n',
    ],
    [
      ["--server", "http://127.0.0.1:1", "--name", "n1", "--lease-interval", "10"],
      'error: invalid argument "10" for "--lease-interval" flag: time: missing unit in duration "10"\n',
    ],
    [
      ["--name", "n1"],
      "error: agent needs --server URL[,URL...] (or KCLONE_SERVER): the API servers to join\n",
    ],
  ];
  for (const [args, line] of cases) {
    const { code, stderr } = await runAgent(...args);
    assert.deepEqual({ code, stderr }, { code: 1, stderr: line }, args.join(" "));
  }
});

Deno.test("kclone-agent's module graph leaves out the cluster, the API server, every npm package and Node's heavy modules", async () => {
  const graph = await moduleGraph("agent.ts");
  const local = localModules(graph);
  // Vacuity guards: the graph is the agent's, and node: imports are seen.
  assert.ok(local.includes("lib/agent/agent.ts"));
  assert.ok(local.includes("lib/store/remote/remote_store.ts"));
  const dynamic = graph.modules.flatMap((m) => (m.dependencies ?? []).filter((d) => d.isDynamic));
  assert.ok(dynamic.some((d) => d.specifier === "node:http"), "deno info reports node: imports");
  const heavy = local.filter((path) =>
    path.startsWith("lib/cluster/") || path.startsWith("lib/server/openapi/") ||
    path.startsWith("lib/api/validation/") || path === "lib/server/api_server.ts" ||
    path === "lib/cli/context.ts" || path === "lib/store/sqlite.ts"
  );
  assert.deepEqual(heavy, []);
  // Each of these costs the agent megabytes of memory (Node's fs, http, crypto, util, path...):
  // none is loaded up front; an HTTP probe loads node:http when a pod first needs it.
  assert.deepEqual([...reachedPackages(graph)], []);
  const nodeModules = [
    "node:fs",
    "node:path",
    "node:http",
    "node:https",
    "node:crypto",
    "node:child_process",
    "node:util",
  ];
  assert.deepEqual(nodeModules.filter((name) => staticNodeBuiltins(graph).has(name)), []);
});

Deno.test("the module graph check sees the heavy modules in cli.ts", async () => {
  // Without this, a change in `deno info`'s output could make the test above pass vacuously.
  const graph = await moduleGraph("cli.ts");
  assert.ok(localModules(graph).includes("lib/cluster/cluster.ts"));
  assert.ok(localModules(graph).includes("lib/api/validation/mod.ts"));
  assert.ok(reachedPackages(graph).has("zod"));
  assert.ok(reachedPackages(graph).has("yaml"));
});

Deno.test("kclone-agent joining a server whose pod range is not on this machine exits 1 with one line", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-agent-cidr-" });
  const server = await startServer(`${dir}/kclone.db`);
  try {
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(server.log)![1];
    const { code, stderr } = await runAgent("--server", url, "--name", "n1", "--root", dir);
    assert.deepEqual({ code, stderr }, {
      code: 1,
      stderr:
        "error: node n1 has pod range 10.244.0.0/24, which is not on this machine: give the agent --pod-cidr inside 127.0.0.0/8, or start the server with --cluster-cidr 127.244.0.0/16\n",
    });
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
