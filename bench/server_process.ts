/**
 * Helpers for the API server benchmarks (bench/server_*.ts): `kclone server` as a child process,
 * its RSS from /proc, percentiles, and waiting for pods to settle. Not a benchmark itself.
 *
 * @module
 */

/** A `kclone server` child process. */
export interface ServerProcess {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The kubeconfig it wrote. */
  kubeconfig: string;
  /** Its process id (for /proc/<pid>/status). */
  pid: number;
  /** Sends SIGTERM and waits for it to end; resolves to its exit code. */
  stop(): Promise<number>;
}

/** Options of startServerProcess(). */
export interface StartServerProcessOptions {
  /** `deno run` flags before cli.ts, e.g. `["--v8-flags=--max-old-space-size=256"]`. */
  denoFlags?: string[];
  /** Pass the server's stderr through to ours (default: true). */
  inheritStderr?: boolean;
  /** Serve from these etcd URLs instead of the database (`db` then only names the kubeconfig). */
  etcd?: string;
}

const CLI = new URL("../cli.ts", import.meta.url).pathname;

/**
 * Starts `deno run -A [flags] cli.ts --db DB server --port 0 --kubeconfig K` (or `--etcd URL`
 * for `options.etcd`) and waits for its `listening on URL` line (the kubeconfig is written
 * beside the database path).
 */
export async function startServerProcess(
  db: string,
  options: StartServerProcessOptions = {},
): Promise<ServerProcess> {
  const kubeconfig = `${db}.kubeconfig`;
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      ...(options.denoFlags ?? []),
      // For profiling the server under a bench: BENCH_SERVER_DENO_FLAGS="--cpu-prof --cpu-prof-dir=DIR".
      ...(Deno.env.get("BENCH_SERVER_DENO_FLAGS")?.split(" ").filter(Boolean) ?? []),
      CLI,
      ...(options.etcd ? ["--etcd", options.etcd] : ["--db", db]),
      "server",
      "--port",
      "0",
      "--kubeconfig",
      kubeconfig,
    ],
    stdout: "piped",
    stderr: options.inheritStderr === false ? "null" : "inherit",
    env: { NO_COLOR: "1" },
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let log = "";
  let match: RegExpExecArray | null = null;
  while (!(match = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(log))) {
    const { value, done } = await reader.read();
    if (done) {
      await child.status;
      throw new Error(`kclone server ended before listening: ${log}`);
    }
    log += value;
  }
  // Keep draining stdout so the child never blocks on a full pipe.
  const drained = (async () => {
    while (!(await reader.read()).done);
  })();
  let stopped: Promise<number> | undefined;
  return {
    url: match[1],
    kubeconfig,
    pid: child.pid,
    stop: () =>
      stopped ??= (async () => {
        child.kill("SIGTERM");
        await drained;
        return (await child.status).code;
      })(),
  };
}

/** VmRSS and VmHWM of a process in MB (10^6 bytes), from /proc/<pid>/status. */
export function processRssMB(pid: number): { rss: number; hwm: number } {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]);
  return {
    rss: Math.round(kb("VmRSS") * 1024 / 1e6),
    hwm: Math.round(kb("VmHWM") * 1024 / 1e6),
  };
}

/** CPU time (user + system) a process has used so far, in clock ticks (1/100 s on Linux). */
export function processCpuTicks(pid: number): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  // Fields after the command name (which may hold spaces) start after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** The nearest-rank percentile `p` (0-100) of some numbers. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * p / 100) - 1)];
}

/** How many pods a server holds, and how many of them are Running. */
export async function podPhases(url: string): Promise<{ pods: number; running: number }> {
  const response = await fetch(`${url}/api/v1/pods`);
  if (!response.ok) throw new Error(`list pods: ${response.status} ${await response.text()}`);
  const list = await response.json() as { items: { status?: { phase?: string } }[] };
  const running = list.items.filter((p) => p.status?.phase === "Running").length;
  return { pods: list.items.length, running };
}

/** Polls `check` every `intervalMs` until it returns true or `timeoutMs` pass; resolves to true if it did. */
export async function pollUntil(
  check: () => Promise<boolean>,
  intervalMs: number,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}

/** Wall-clock ms with sub-ms precision, comparable across processes on one machine. */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

/** A small pod as JSON, `bench-<i>`, with a CPU and memory request. */
export function benchPodJson(i: number): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `bench-${i}`, labels: { app: "bench" } },
    spec: {
      containers: [{
        name: "web",
        image: "nginx:1.27",
        resources: { requests: { cpu: "100m", memory: "64Mi" } },
      }],
    },
  });
}

/**
 * POSTs `total` pods from `clients` concurrent loops (fetch with keep-alive) to a server's
 * default namespace; resolves to when it started and to creates per second.
 */
export async function createPods(
  serverUrl: string,
  total: number,
  clients: number,
): Promise<{ start: number; createsPerSecond: number }> {
  const url = `${serverUrl}/api/v1/namespaces/default/pods`;
  const bodies = Array.from({ length: total }, (_, i) => benchPodJson(i));
  // One request before timing, so that connection set-up and the first compile are not counted.
  const warm = await fetch(`${url}?limit=1`);
  await warm.body?.cancel();
  let next = 0;
  const client = async () => {
    while (next < total) {
      const body = bodies[next++];
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      if (response.status !== 201) {
        throw new Error(`create: ${response.status} ${await response.text()}`);
      }
      await response.body?.cancel();
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  return { start, createsPerSecond: total / ((performance.now() - start) / 1000) };
}
