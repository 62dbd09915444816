import assert from "node:assert/strict";
import { runProbe } from "../../../lib/agent/probes/mod.ts";

/** A local HTTP server with the routes the probes hit; `close()` releases a slow request too. */
function startServer(): { port: number; seen: Headers[]; close: () => Promise<void> } {
  const seen: Headers[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    seen.push(req.headers);
    switch (url.pathname) {
      case "/healthz":
        return new Response("ok");
      case "/broken":
        return new Response("broken", { status: 500 });
      case "/slow":
        await released;
        return new Response("late");
      case "/moved":
        return new Response(null, { status: 302, headers: { location: "/healthz" } });
      case "/away":
        return new Response("gone away", {
          status: 301,
          headers: { location: `http://localhost:${url.port}/healthz` },
        });
      case "/loop":
        return new Response(null, { status: 302, headers: { location: "/loop" } });
      default:
        return new Response("not found", { status: 404 });
    }
  });
  return {
    port: server.addr.port,
    seen,
    close: async () => {
      release();
      await server.shutdown();
    },
  };
}

function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

const target = { podIP: "127.0.0.1" };

Deno.test("runProbe() httpGet succeeds on 200 and fails on 500 with kubelet's message", async () => {
  const server = startServer();
  try {
    const ok = await runProbe({ httpGet: { path: "/healthz", port: server.port } }, target);
    assert.deepEqual(ok, { result: "Success", message: "ok" });
    const bad = await runProbe({ httpGet: { path: "/broken", port: server.port } }, target);
    assert.deepEqual(bad, { result: "Failure", message: "HTTP probe failed with statuscode: 500" });
    const missing = await runProbe({ httpGet: { path: "/nope", port: server.port } }, target);
    assert.deepEqual(missing.message, "HTTP probe failed with statuscode: 404");
  } finally {
    await server.close();
  }
});

Deno.test("runProbe() httpGet resolves a named container port", async () => {
  const server = startServer();
  try {
    const ports = [{ name: "http", containerPort: server.port }];
    const probe = { httpGet: { path: "/healthz", port: "http" } };
    assert.equal((await runProbe(probe, { ...target, ports })).result, "Success");
  } finally {
    await server.close();
  }
});

Deno.test("runProbe() httpGet to a named port the container lacks fails without throwing", async () => {
  const probe = { httpGet: { path: "/healthz", port: "metrics" } };
  const result = await runProbe(probe, { ...target, ports: [{ name: "http", containerPort: 80 }] });
  assert.deepEqual(result, { result: "Failure", message: 'port "metrics" not found' });
});

Deno.test("runProbe() httpGet to a closed port says connection refused as the kubelet does", async () => {
  const port = closedPort();
  const result = await runProbe({ httpGet: { path: "/healthz", port } }, target);
  assert.deepEqual(result, {
    result: "Failure",
    message:
      `Get "http://127.0.0.1:${port}/healthz": dial tcp 127.0.0.1:${port}: connect: connection refused`,
  });
});

Deno.test("runProbe() httpGet gives up after timeoutSeconds on a slow server", async () => {
  const server = startServer();
  try {
    const started = Date.now();
    const probe = { httpGet: { path: "/slow", port: server.port }, timeoutSeconds: 1 };
    const result = await runProbe(probe, target);
    assert.deepEqual(result, {
      result: "Failure",
      message: `Get "http://127.0.0.1:${server.port}/slow": ` +
        "context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
    });
    assert.ok(Date.now() - started < 3000, "the probe ends near its 1 s timeout");
  } finally {
    await server.close();
  }
});

Deno.test("runProbe() httpGet sends kube-probe's User-Agent and the probe's headers", async () => {
  const server = startServer();
  try {
    const headers = [{ name: "X-Probe", value: "yes" }];
    const probe = { httpGet: { path: "/healthz", port: server.port, httpHeaders: headers } };
    await runProbe(probe, target);
    assert.equal(server.seen[0].get("user-agent"), "kube-probe/1.32");
    assert.equal(server.seen[0].get("accept"), "*/*");
    assert.equal(server.seen[0].get("x-probe"), "yes");
  } finally {
    await server.close();
  }
});

Deno.test("runProbe() httpGet follows redirects on the same host, and not to another host", async () => {
  const server = startServer();
  try {
    const moved = await runProbe({ httpGet: { path: "/moved", port: server.port } }, target);
    assert.deepEqual(moved, { result: "Success", message: "ok" });
    const away = await runProbe({ httpGet: { path: "/away", port: server.port } }, target);
    assert.deepEqual(away, {
      result: "Success",
      message: "Probe terminated redirects, Response body: gone away",
    });
    const loop = await runProbe({ httpGet: { path: "/loop", port: server.port } }, target);
    assert.deepEqual(loop, {
      result: "Failure",
      message: `Get "http://127.0.0.1:${server.port}/loop": stopped after 10 redirects`,
    });
  } finally {
    await server.close();
  }
});
