import assert from "node:assert/strict";
import type { Pod } from "../../lib/api/types.ts";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { byLogging, logQuery } from "../../lib/cli/kubectl/logs_command.ts";
import { kclone, kcloneCommand, withDb } from "../e2e/_kclone.ts";
import { startServer } from "../e2e/_kubectl.ts";

/**
 * A fake agent's log endpoint: remembers each request; a followed log sends `line 1` to `line 3`
 * and then stays open (as a live container's log does) until the client goes away.
 */
function fakeAgent(seen: string[], closed: string[]): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
    const url = new URL(request.url);
    seen.push(`${url.pathname}?${url.searchParams}`);
    if (url.searchParams.get("follow") !== "true") return new Response("line 1\nline 2\n");
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 1; i <= 3; i++) controller.enqueue(encoder.encode(`line ${i}\n`));
      },
      cancel() {
        closed.push(url.pathname);
      },
    });
    return new Response(body);
  });
}

const pod = (name: string, spec: Record<string, unknown>, labels?: Record<string, string>) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default", labels },
  spec: { containers: [{ name: "web", image: "nginx" }], ...spec },
});

/** A database with an agent node (at the fake agent's port), its pods, and a simulated pod. */
async function seed(db: string, agentPort: number): Promise<void> {
  const cluster = await Cluster.open({ db });
  try {
    await cluster.create({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "agent-1", annotations: { "kclone.dev/kubelet": "agent" } },
      status: {
        addresses: [{ type: "InternalIP", address: "127.0.0.1" }],
        daemonEndpoints: { kubeletEndpoint: { Port: agentPort } },
      },
    } as never);
    await cluster.create(pod("web", { nodeName: "agent-1" }) as never);
    await cluster.create(pod("sim", {}) as never);
    await cluster.create(pod("two", {
      nodeName: "agent-1",
      containers: [{ name: "app", image: "a" }, { name: "side", image: "b" }],
    }) as never);
    const labels = { app: "api" };
    for (const name of ["api-a", "api-b"]) {
      await cluster.create(pod(name, { nodeName: "agent-1" }, labels) as never);
    }
    await cluster.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "api", namespace: "default" },
      spec: {
        replicas: 0,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: "web", image: "x" }] } },
      },
    } as never);
  } finally {
    await cluster.close();
  }
}

async function withFakeAgent(
  fn: (db: string, seen: string[], closed: string[]) => Promise<void>,
): Promise<void> {
  const seen: string[] = [], closed: string[] = [];
  const agent = fakeAgent(seen, closed);
  try {
    await withDb(async (db) => {
      await seed(db, agent.addr.port);
      await fn(db, seen, closed);
    });
  } finally {
    await agent.shutdown();
  }
}

Deno.test("kclone logs prints the container's log from the pod's agent, passing --tail as tailLines", async () => {
  await withFakeAgent(async (db, seen) => {
    const result = await kclone(["logs", "web", "--tail", "2", "--timestamps"], { db });
    assert.equal(result.stderr, "");
    assert.equal(result.stdout, "line 1\nline 2\n");
    assert.equal(result.code, 0);
    assert.deepEqual(seen, ["/containerLogs/default/web/web?tailLines=2&timestamps=true"]);
  });
});

Deno.test("kclone logs of a simulated pod says why there is no log, in kubectl's one line", async () => {
  await withFakeAgent(async (db) => {
    const result = await kclone(["logs", "sim"], { db });
    assert.equal(
      result.stderr,
      'Error from server (BadRequest): pod "sim" has no logs: kclone runs this pod simulated, without a process (real pods come with kclone agent)\n',
    );
    assert.equal(result.code, 1);
    const missing = await kclone(["logs", "nope"], { db });
    assert.equal(missing.stderr, 'Error from server (NotFound): pods "nope" not found\n');
    assert.equal(missing.code, 1);
  });
});

Deno.test("kclone logs picks a container as kubectl does, and names the pod it chose of a deployment", async () => {
  await withFakeAgent(async (db, seen) => {
    const two = await kclone(["logs", "two"], { db });
    assert.equal(two.stderr, 'Defaulted container "app" out of: app, side\n');
    assert.equal(two.stdout, "line 1\nline 2\n");
    const side = await kclone(["logs", "two", "-c", "side", "--previous"], { db });
    assert.equal(side.code, 0);
    const bad = await kclone(["logs", "two", "-c", "db"], { db });
    assert.equal(bad.stderr, "error: container db is not valid for pod two\n");
    assert.equal(bad.code, 1);
    // The pods are alike but for age: kubectl takes the older (api-a, or first listed on a tie).
    const deployment = await kclone(["logs", "deployment/api"], { db });
    assert.equal(deployment.stderr, "Found 2 pods, using pod/api-a\n");
    assert.equal(deployment.stdout, "line 1\nline 2\n");
    const tail = await kclone(["logs", "web", "--tail", "x"], { db });
    assert.match(tail.stderr, /invalid argument "x" for "--tail" flag/);
    assert.deepEqual(seen, [
      "/containerLogs/default/two/app?",
      "/containerLogs/default/two/side?previous=true",
      "/containerLogs/default/api-a/web?",
    ]);
  });
});

/** Runs `kclone logs -f` until it printed three lines, then stops it with SIGTERM. */
async function followThenTerminate(args: string[], db?: string) {
  const child = new Deno.Command(Deno.execPath(), kcloneCommand(args, { db })).spawn();
  const stderr = new Response(child.stderr).text();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let printed = "";
  while (printed.split("\n").length <= 3) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`logs -f ended early: ${printed}${await stderr}`);
    printed += value;
  }
  child.kill("SIGTERM");
  while (!(await reader.read()).done);
  return { printed, code: (await child.status).code, stderr: await stderr };
}

Deno.test("kclone logs -f streams the log as it comes and stops on SIGTERM with exit 0", async () => {
  await withFakeAgent(async (db, seen, closed) => {
    const followed = await followThenTerminate(["logs", "-f", "web"], db);
    assert.deepEqual(followed, { printed: "line 1\nline 2\nline 3\n", code: 0, stderr: "" });
    assert.deepEqual(seen, ["/containerLogs/default/web/web?follow=true"]);
    const deadline = Date.now() + 5_000;
    while (closed.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.deepEqual(closed, ["/containerLogs/default/web/web"]);
  });
});

Deno.test("kclone --server URL logs asks the server's pods/log, following too", async () => {
  await withFakeAgent(async (db, seen) => {
    const server = await startServer(db);
    try {
      const url = /listening on (http:\/\/\S+)/.exec(server.log)![1];
      const result = await kclone(["--server", url, "logs", "web", "--tail=1"]);
      assert.equal(result.stdout, "line 1\nline 2\n");
      assert.equal(result.code, 0);
      const sim = await kclone(["--server", url, "logs", "sim"]);
      assert.match(sim.stderr, /^Error from server \(BadRequest\): pod "sim" has no logs: /);
      assert.equal(sim.code, 1);
      const followed = await followThenTerminate(["--server", url, "logs", "web", "-f"]);
      assert.deepEqual(followed, { printed: "line 1\nline 2\nline 3\n", code: 0, stderr: "" });
      assert.deepEqual(seen, [
        "/containerLogs/default/web/web?tailLines=1",
        "/containerLogs/default/web/web?follow=true",
      ]);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});

Deno.test("logQuery() asks only for what the flags say, as kubectl's PodLogOptions", () => {
  assert.equal(logQuery("web", { tail: "-1" }).toString(), "container=web");
  assert.equal(
    logQuery("web", { tail: "0", follow: true, previous: true, timestamps: true }).toString(),
    "container=web&follow=true&previous=true&tailLines=0&timestamps=true",
  );
  assert.throws(() => logQuery("web", { tail: "-2" }), {
    message: "--tail must be greater than or equal to -1",
  });
});

Deno.test("byLogging() puts first the pod kubectl would show: scheduled, running, ready longest, most restarts, oldest", () => {
  const make = (
    name: string,
    extra: {
      node?: string;
      phase?: string;
      readySince?: string;
      restarts?: number;
      created?: string;
    },
  ) =>
    ({
      metadata: { name, creationTimestamp: extra.created ?? "2025-01-01T00:00:00Z" },
      spec: { nodeName: extra.node ?? "n1", containers: [] },
      status: {
        phase: extra.phase ?? "Running",
        conditions: extra.readySince
          ? [{ type: "Ready", status: "True", lastTransitionTime: extra.readySince }]
          : [],
        containerStatuses: [{ restartCount: extra.restarts ?? 0 }],
      },
    }) as unknown as Pod;
  const pods = [
    make("unscheduled", { node: "" }),
    make("pending", { phase: "Pending" }),
    make("not-ready", {}),
    make("ready-late", { readySince: "2025-01-01T00:05:00Z" }),
    make("ready-early", { readySince: "2025-01-01T00:01:00Z" }),
    make("restarted-newer", { created: "2025-01-02T00:00:00Z", restarts: 3 }),
  ];
  assert.deepEqual(pods.sort(byLogging).map((p) => p.metadata.name), [
    "ready-early",
    "ready-late",
    "restarted-newer",
    "not-ready",
    "pending",
    "unscheduled",
  ]);
});
