/**
 * Memory of one agent (the lean `kclone-agent`, agent.ts, as `kclone server --agents` starts it;
 * `--entry cli.ts` for `kclone agent`) running 50 pods (`sleep 600`, exec, no probe): a server and one
 * agent as child processes; VmRSS and VmHWM of the agent process (from /proc/<pid>/status; the
 * pods' own processes are separate and do not count) read once it has joined (no pods), once all
 * 50 pods are Running, and again once 10 NodePort Services (5 pods behind each) are proxied by it.
 * Each reading waits for the agent to be quiet (CPU under 5% for 2 s). RssAnon and RssFile split
 * the figure into the heap and the mapped deno executable. Median of `--runs` runs, each on a
 * fresh cluster; then the same with each `--flags` set of `deno run` flags on the agent. Target:
 * <= 60 MB (a k3s agent measured about 275 MB).
 *
 * Also measured, for scale: a `deno run` of a script that only waits (Deno's own floor), and ones
 * that import the agent's modules, agent.ts or cli.ts and wait (the code's share).
 *
 * Run: deno run -A bench/agent_rss.ts [--pods 50] [--services 10] [--runs 3]
 *      [--entry agent.ts|cli.ts] [--flags="--v8-flags=--max-old-space-size=16"] ...
 */
import { parseArgs } from "node:util";
import { processesRunning, startBenchCluster } from "./_agent_cluster.ts";
import { median } from "./_medians.ts";
import { pollUntil, processCpuTicks } from "./server_process.ts";

const { values } = parseArgs({
  options: {
    pods: { type: "string", default: "50" },
    services: { type: "string", default: "10" },
    runs: { type: "string", default: "3" },
    flags: { type: "string", multiple: true, default: [] },
    entry: { type: "string", default: "agent.ts" },
  },
});
if (values.entry !== "agent.ts" && values.entry !== "cli.ts") {
  throw new Error(`--entry ${values.entry}: agent.ts or cli.ts`);
}
const ENTRY = values.entry;
const PODS = Number(values.pods), SERVICES = Number(values.services), RUNS = Number(values.runs);
const TARGET_MB = 60;
const SLEEP = ["sleep", "600"];
const AGENT_MODULES = ["../lib/agent/agent.ts", "../lib/store/remote/mod.ts"];

/** VmRSS, VmHWM, RssAnon and RssFile of a process, in MB (10^6 bytes). */
function memoryOf(pid: number): Record<"rss" | "hwm" | "anon" | "file", number> {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const mb = (field: string) =>
    Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) * 1024 / 1e5) / 10;
  return { rss: mb("VmRSS"), hwm: mb("VmHWM"), anon: mb("RssAnon"), file: mb("RssFile") };
}

/** Waits until `pid` used under 5% of a core over 2 s. */
async function quiet(pid: number): Promise<void> {
  const ticks: { at: number; used: number }[] = [];
  const ok = await pollUntil(
    () => {
      const now = performance.now();
      ticks.push({ at: now, used: processCpuTicks(pid) });
      const window = ticks.filter((t) => now - t.at <= 2000);
      return Promise.resolve(
        now - window[0].at >= 1800 && (ticks.at(-1)!.used - window[0].used) * 10 <= 2000 * 0.05,
      );
    },
    200,
    60_000,
  );
  if (!ok) throw new Error(`process ${pid} did not go quiet in 60 s`);
}

async function api(url: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method: body ? "POST" : "GET",
    headers: { "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return await response.json();
}

type Reading = ReturnType<typeof memoryOf>;

async function measure(flags: string[]): Promise<{ idle: Reading; pods: Reading; svc: Reading }> {
  const cluster = await startBenchCluster({ agents: 1, agentDenoFlags: flags, agentEntry: ENTRY });
  const pid = cluster.agents[0].pid, url = cluster.url;
  try {
    await quiet(pid);
    const idle = memoryOf(pid);
    await Promise.all(
      Array.from({ length: PODS }, (_, i) =>
        api(url, "/api/v1/namespaces/default/pods", {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: `sleep-${i}`, labels: { app: "bench", group: `g${i % SERVICES}` } },
          spec: {
            terminationGracePeriodSeconds: 1,
            containers: [{ name: "c", image: "busybox", command: SLEEP }],
          },
        })),
    );
    const running = () =>
      api(url, "/api/v1/namespaces/default/pods").then((list) =>
        (list as { items: { status?: { phase?: string } }[] }).items
          .filter((p) => p.status?.phase === "Running").length === PODS
      );
    if (!(await pollUntil(running, 100, 60_000))) throw new Error("pods not Running in 60 s");
    await quiet(pid);
    const pods = memoryOf(pid);
    const base = 30000 + Math.floor(Math.random() * 2000);
    for (let i = 0; i < SERVICES; i++) {
      await api(url, "/api/v1/namespaces/default/services", {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: `svc-${i}` },
        spec: {
          type: "NodePort",
          selector: { group: `g${i}` },
          ports: [{ port: 80, targetPort: 8080, nodePort: base + i }],
        },
      });
    }
    const listening = async () => {
      for (let i = 0; i < SERVICES; i++) {
        try {
          (await Deno.connect({ hostname: "127.0.0.1", port: base + i })).close();
        } catch {
          return false;
        }
      }
      return true;
    };
    if (!(await pollUntil(listening, 100, 30_000))) throw new Error("NodePorts not open in 30 s");
    await quiet(pid);
    return { idle, pods, svc: memoryOf(pid) };
  } finally {
    const left = await cluster.close();
    const sleeps = processesRunning(SLEEP);
    if (left.length || sleeps.length) {
      console.error(`left behind: ${[...left, ...sleeps.map((p) => `sleep 600 ${p}`)]}`);
      Deno.exitCode = 1;
    }
  }
}

/** RSS of a `deno run` that imports `modules` (none: Deno alone) and then waits. */
async function floor(modules: string[]): Promise<Reading> {
  const code =
    modules.map((m) => `await import(${JSON.stringify(new URL(m, import.meta.url).href)});`)
      .join("") + "console.log('up'); setTimeout(() => {}, 60_000);";
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", code],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes("up")) out += (await reader.read()).value ?? "";
  await quiet(child.pid);
  const reading = memoryOf(child.pid);
  child.kill("SIGKILL");
  await reader.cancel();
  await child.status;
  return reading;
}

const show = (r: Reading) => `RSS ${r.rss} MB (anon ${r.anon}, file ${r.file}), peak ${r.hwm} MB`;
const load = () => Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");

console.log(`deno alone, waiting: ${show(await floor([]))}`);
console.log(`deno with lib/agent + RemoteStore imported: ${show(await floor(AGENT_MODULES))}`);
console.log(
  `deno with agent.ts imported (what kclone-agent loads): ${show(await floor(["../agent.ts"]))}`,
);
console.log(
  `deno with cli.ts imported (what kclone agent loads): ${show(await floor(["../cli.ts"]))}`,
);
for (const flags of [[], ...values.flags.map((f) => f.split(" ").filter(Boolean))]) {
  const name = `${ENTRY}, ${flags.length ? flags.join(" ") : "default V8 flags"}`;
  const runs: Awaited<ReturnType<typeof measure>>[] = [];
  for (let i = 1; i <= RUNS; i++) {
    const result = await measure(flags).catch((error: Error) => error);
    if (result instanceof Error) {
      console.log(`${name}, run ${i}: failed: ${result.message}`);
      continue;
    }
    runs.push(result);
    console.log(
      `${name}, run ${i} (load ${load()}): joined ${show(result.idle)}; ${PODS} pods Running ${
        show(result.pods)
      }; + ${SERVICES} Services ${show(result.svc)}`,
    );
  }
  if (runs.length === 0) continue;
  for (const stage of ["idle", "pods", "svc"] as const) {
    const med = (field: keyof Reading) => median(runs.map((r) => r[stage][field]));
    const label = {
      idle: "joined, no pods",
      pods: `${PODS} pods`,
      svc: `${PODS} pods + ${SERVICES} Services`,
    }[stage];
    const rss = med("rss");
    console.log(
      `${name}: ${label}: median RSS ${rss} MB (anon ${med("anon")}, file ${med("file")}), peak ${
        med("hwm")
      } MB; target <= ${TARGET_MB} MB: ${rss <= TARGET_MB ? "met" : "not met"}`,
    );
  }
}
