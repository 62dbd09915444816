/**
 * Requests per second through the agent's service proxy (lib/agent/proxy) on loopback: three HTTP
 * backends (Deno.serve, on 127.0.0.1-3 where those bind) in one child process, the ServiceProxy in
 * this process, and the load (20 clients for 5 s, raw HTTP/1.1) in another child, so that the
 * proxy has a core of its own to the extent two cores allow. Each mode runs 3 times; the median
 * is printed. "direct" is the same load against one backend without the proxy, for reference.
 * Run: deno run -A bench/proxy_bench.ts [--seconds 5] [--clients 20] [--runs 3]
 *
 * Under `deno bench` this file only times 100 keep-alive requests through the proxy in-process.
 */
import { ServiceProxy } from "../lib/agent/proxy/mod.ts";
import type { ProxyRule } from "../lib/agent/proxy/mod.ts";
import { median } from "./_medians.ts";

const SELF = new URL(import.meta.url).pathname;
const CLOSE = new TextEncoder().encode("GET / HTTP/1.1\r\nHost: web\r\nConnection: close\r\n\r\n");
const KEEP = new TextEncoder().encode("GET / HTTP/1.1\r\nHost: web\r\n\r\n");

function flag(name: string, fallback: string): string {
  const at = Deno.args.indexOf(`--${name}`);
  return at >= 0 ? Deno.args[at + 1] : fallback;
}

function aliases(): boolean {
  try {
    Deno.listen({ hostname: "127.0.0.2", port: 0 }).close();
    return true;
  } catch {
    return false;
  }
}

/** Starts three backends; resolves to their addresses and a stop function. */
async function serveBackends(): Promise<{ targets: [string, number][]; stop(): Promise<void> }> {
  const many = aliases();
  const servers = await Promise.all(["a", "b", "c"].map((name, i) => {
    const hostname = many ? `127.0.0.${i + 1}` : "127.0.0.1";
    const { promise, resolve } = Promise.withResolvers<[string, number]>();
    const server = Deno.serve(
      { hostname, port: 0, onListen: ({ port }) => resolve([hostname, port]) },
      () => new Response(name),
    );
    return promise.then((target) => ({ target, server }));
  }));
  return {
    targets: servers.map((s) => s.target),
    stop: async () => void await Promise.all(servers.map((s) => s.server.shutdown())),
  };
}

function ruleOf(targets: [string, number][]): ProxyRule {
  return {
    key: "default/web",
    namespace: "default",
    service: "web",
    portName: "",
    protocol: "TCP",
    listen: [{ hostname: "127.0.0.1", port: 0 }],
    backends: targets.map(([ip, port]) => ({ ip, port, pod: "", namespace: "default" })),
  };
}

/** Index just past the end of the first complete response in `data[0..length)`, or -1. */
function responseEnd(data: Uint8Array, length: number): number {
  for (let i = 3; i < length; i++) {
    if (data[i] === 10 && data[i - 1] === 13 && data[i - 2] === 10 && data[i - 3] === 13) {
      const head = new TextDecoder().decode(data.subarray(0, i));
      const body = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      return i + 1 + body <= length ? i + 1 + body : -1;
    }
  }
  return -1;
}

/** One client: requests until `deadline`; resolves to how many got a full answer. */
async function client(port: number, keepAlive: boolean, deadline: number): Promise<number> {
  const buffer = new Uint8Array(64 * 1024);
  let done = 0, conn: Deno.TcpConn | undefined;
  while (Date.now() < deadline) {
    if (!keepAlive || !conn) conn = await Deno.connect({ hostname: "127.0.0.1", port });
    await conn.write(keepAlive ? KEEP : CLOSE);
    let length = 0;
    for (;;) {
      const n = await conn.read(buffer.subarray(length));
      if (n === null) break;
      length += n;
      if (keepAlive && responseEnd(buffer, length) === length) break;
    }
    if (responseEnd(buffer, length) > 0) done++;
    if (!keepAlive) conn.close();
  }
  if (keepAlive) conn?.close();
  return done;
}

async function load(): Promise<void> {
  const port = Number(flag("port", "0")), keepAlive = flag("keepalive", "0") === "1";
  const clients = Number(flag("clients", "20")), seconds = Number(flag("seconds", "5"));
  const start = performance.now(), deadline = Date.now() + seconds * 1000;
  const counts = await Promise.all(
    Array.from({ length: clients }, () => client(port, keepAlive, deadline)),
  );
  const total = counts.reduce((a, b) => a + b, 0);
  console.log(JSON.stringify({ requests: total, seconds: (performance.now() - start) / 1000 }));
}

async function runLoad(port: number, keepAlive: boolean): Promise<number> {
  const args = ["run", "-A", SELF, "--role", "load", "--port", String(port)];
  args.push("--keepalive", keepAlive ? "1" : "0", "--clients", flag("clients", "20"));
  args.push("--seconds", flag("seconds", "5"));
  const output = await new Deno.Command(Deno.execPath(), { args, stderr: "inherit" }).output();
  const { requests, seconds } = JSON.parse(new TextDecoder().decode(output.stdout));
  return requests / seconds;
}

async function main(): Promise<void> {
  const backends = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", SELF, "--role", "backends"],
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const reader = backends.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let line = "";
  while (!line.includes("\n")) line += (await reader.read()).value ?? "";
  const targets = JSON.parse(line) as [string, number][];
  const proxy = new ServiceProxy();
  const port = (await proxy.apply([ruleOf(targets)])).opened[0].port;
  const runs = Number(flag("runs", "3"));
  console.log(
    `backends ${targets.map(([h, p]) => `${h}:${p}`).join(", ")}; proxy 127.0.0.1:${port}`,
  );
  for (
    const [name, to, keepAlive] of [
      ["proxy, keep-alive off", port, false],
      ["proxy, keep-alive on", port, true],
      ["direct to one backend, keep-alive off", targets[0][1], false],
      ["direct to one backend, keep-alive on", targets[0][1], true],
    ] as const
  ) {
    const rates: number[] = [];
    for (let i = 0; i < runs; i++) rates.push(await runLoad(to, keepAlive));
    const shown = rates.map((r) => Math.round(r).toLocaleString("en-US")).join(", ");
    console.log(
      `${name}: median ${Math.round(median(rates)).toLocaleString("en-US")} requests/s (${shown})`,
    );
  }
  console.log(`connections per backend: ${JSON.stringify(proxy.stats().connections)}`);
  await proxy.close();
  await backends.stdin.close();
  await reader.cancel();
  await backends.status;
}

async function backendsRole(): Promise<void> {
  const { targets, stop } = await serveBackends();
  console.log(JSON.stringify(targets));
  // Serve until the parent closes our stdin.
  for await (const _ of Deno.stdin.readable) { /* nothing to read */ }
  await stop();
}

if (import.meta.main) {
  const role = flag("role", "main");
  if (role === "load") await load();
  else if (role === "backends") await backendsRole();
  else await main();
} else {
  Deno.bench("100 keep-alive requests through ServiceProxy (in-process)", async (b) => {
    const { targets, stop } = await serveBackends();
    const proxy = new ServiceProxy();
    const port = (await proxy.apply([ruleOf(targets)])).opened[0].port;
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    const buffer = new Uint8Array(4096);
    b.start();
    for (let i = 0; i < 100; i++) {
      await conn.write(KEEP);
      let length = 0;
      while (responseEnd(buffer, length) !== length || length === 0) {
        length += (await conn.read(buffer.subarray(length))) ?? 0;
      }
    }
    b.end();
    conn.close();
    await proxy.close();
    await stop();
  });
}
