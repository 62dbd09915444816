/**
 * Pod startup on real agents: `kclone server` and 3 `kclone agent`s as child processes, then 100
 * bare pods created through the API at once (all POSTs in flight together). A watch on pods,
 * opened from the list's resourceVersion before the first POST, records for each pod the time
 * from the start of its POST to the first event where it is Running and Ready, and the stages on
 * the way: POST answered, bound (spec.nodeName), first status from the agent, Running, Ready.
 * p50/p99/max over the 100 pods; median of `--runs` runs, each on a fresh cluster. Target: p99
 * <= 1 s (Kubernetes' SLO is 5 s).
 *
 * Workloads: `sleep` (`sleep 600`, exec, no probe) and `python` (a Python HTTP server with a
 * tcpSocket readiness probe, periodSeconds 1). After each run every process is stopped and the
 * run fails if a `sleep 600` or anything else of the cluster is left.
 *
 * BENCH_TRACE=1 also prints every pod's time of each stage, sorted.
 *
 * Run: deno run -A bench/agent_pod_startup.ts [--pods 100] [--agents 3] [--runs 3]
 *      [--workload sleep|python|both]
 */
import { parseArgs } from "node:util";
import { HTTP_SERVER_SCRIPT } from "../tests/e2e/_agent_workloads.ts";
import {
  type BenchCluster,
  nodesReady,
  processesRunning,
  runningAndReady,
  startBenchCluster,
  watchPods,
} from "./_agent_cluster.ts";
import { median } from "./_medians.ts";
import { percentile, processCpuTicks, wallClockMs } from "./server_process.ts";

const { values } = parseArgs({
  options: {
    pods: { type: "string", default: "100" },
    agents: { type: "string", default: "3" },
    runs: { type: "string", default: "3" },
    workload: { type: "string", default: "both" },
  },
});
const PODS = Number(values.pods), AGENTS = Number(values.agents), RUNS = Number(values.runs);
const SLEEP = ["sleep", "600"];
/**
 * python3's own executable: where python3 on PATH is a pyenv shim (a bash script that runs pyenv),
 * each start costs about 70 ms of CPU more, which 100 pods at once on 2 cores turn into seconds.
 */
const PYTHON = values.workload === "sleep" ? "" : new TextDecoder().decode(
  (await new Deno.Command("python3", { args: ["-c", "import sys; print(sys.executable)"] })
    .output()).stdout,
).trim();

const STAGES = ["answered", "bound", "agent", "running", "ready"] as const;
type Stage = typeof STAGES[number];

function podBody(name: string, workload: string): Record<string, unknown> {
  const container = workload === "sleep" ? { name: "c", image: "busybox", command: SLEEP } : {
    name: "web",
    image: "python:3",
    command: [PYTHON, "-u", "-c", HTTP_SERVER_SCRIPT],
    env: [
      { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
      { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
    ],
    ports: [{ containerPort: 8080 }],
    readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 },
  };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: { app: "bench" } },
    spec: { terminationGracePeriodSeconds: 1, containers: [container] },
  };
}

interface RunResult {
  /** Per stage, the ms from each pod's POST start to that stage. */
  stages: Record<Stage, number[]>;
  /** CPU seconds the server and the agents used during the run. */
  cpu: { server: number; agents: number };
  /** Pods per node. */
  spread: Record<string, number>;
  load: string;
}

/** One run on a fresh cluster, closed after it; fails if anything of it is left running. */
async function run(workload: string): Promise<RunResult> {
  const cluster = await startBenchCluster({
    agents: AGENTS,
    podsPerAgent: Math.ceil(PODS / AGENTS),
  });
  const closeAndCheck = async () => {
    const left = await cluster.close();
    const sleeps = workload === "sleep" ? processesRunning(SLEEP) : [];
    if (left.length || sleeps.length) {
      throw new Error(`left behind: ${[...left, ...sleeps.map((p) => `sleep 600 ${p}`)]}`);
    }
  };
  let result: RunResult;
  try {
    result = await measure(cluster, workload);
  } catch (error) {
    await closeAndCheck().catch(() => {});
    throw error;
  }
  await closeAndCheck();
  return result;
}

/** Creates the pods on `cluster` and times them. */
async function measure(cluster: BenchCluster, workload: string): Promise<RunResult> {
  const stop = new AbortController();
  try {
    await nodesReady(cluster.url, AGENTS);
    // Let the processes' start-up work finish before the clock starts.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const started = new Map<string, number>();
    const seen = new Map<string, Partial<Record<Stage, number>>>();
    const nodes = new Map<string, string>();
    const allReady = Promise.withResolvers<void>();
    const mark = (name: string, stage: Stage, at: number) => {
      const marks = seen.get(name) ?? {};
      if (marks[stage] === undefined) marks[stage] = at;
      seen.set(name, marks);
    };
    const watch = await watchPods(cluster.url, stop.signal, (event, at) => {
      const pod = event.object, name = pod.metadata.name!;
      if (event.type === "BOOKMARK" || !started.has(name)) return;
      if (pod.spec.nodeName) {
        mark(name, "bound", at);
        nodes.set(name, pod.spec.nodeName);
      }
      if (pod.status?.hostIP) mark(name, "agent", at);
      if (pod.status?.phase === "Running") mark(name, "running", at);
      if (runningAndReady(pod)) {
        mark(name, "ready", at);
        if ([...seen.values()].filter((m) => m.ready !== undefined).length === PODS) {
          allReady.resolve();
        }
      }
    });
    const cpuOf = () => ({
      server: processCpuTicks(cluster.serverPid),
      agents: cluster.agents.reduce((sum, a) => sum + processCpuTicks(a.pid), 0),
    });
    const cpuBefore = cpuOf();
    const names = Array.from({ length: PODS }, (_, i) => `bench-${String(i).padStart(3, "0")}`);
    await Promise.all(names.map(async (name) => {
      started.set(name, wallClockMs());
      const response = await fetch(`${cluster.url}/api/v1/namespaces/default/pods`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(podBody(name, workload)),
      });
      if (!response.ok) {
        throw new Error(`create ${name}: ${response.status} ${await response.text()}`);
      }
      await response.body?.cancel();
      mark(name, "answered", wallClockMs());
    }));
    const timer = setTimeout(() => allReady.reject(new Error("pods not ready in 120 s")), 120_000);
    await allReady.promise.finally(() => clearTimeout(timer));
    const cpuAfter = cpuOf();
    const load = Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
    stop.abort();
    await watch.done;
    const stages = Object.fromEntries(STAGES.map((stage) => [
      stage,
      names.map((n) => (seen.get(n)?.[stage] ?? NaN) - started.get(n)!),
    ])) as Record<Stage, number[]>;
    const spread: Record<string, number> = {};
    for (const node of nodes.values()) spread[node] = (spread[node] ?? 0) + 1;
    return {
      stages,
      cpu: {
        server: (cpuAfter.server - cpuBefore.server) / 100,
        agents: (cpuAfter.agents - cpuBefore.agents) / 100,
      },
      spread,
      load,
    };
  } finally {
    stop.abort();
  }
}

const ms = (n: number) => `${Math.round(n)}`;

for (const workload of values.workload === "both" ? ["sleep", "python"] : [values.workload!]) {
  const p99s: number[] = [], p50s: number[] = [], maxes: number[] = [];
  for (let i = 1; i <= RUNS; i++) {
    const result = await run(workload);
    const ready = result.stages.ready;
    p50s.push(percentile(ready, 50));
    p99s.push(percentile(ready, 99));
    maxes.push(Math.max(...ready));
    console.log(
      `${workload} run ${i} (load ${result.load}; pods per node ${
        JSON.stringify(result.spread)
      }; ` +
        `CPU s during the run: server ${result.cpu.server}, agents ${result.cpu.agents})`,
    );
    for (const stage of STAGES) {
      const times = result.stages[stage];
      if (Deno.env.get("BENCH_TRACE")) {
        console.log(`  ${stage}: ${[...times].sort((a, b) => a - b).map(ms).join(" ")}`);
      }
      console.log(
        `  ${stage.padEnd(8)} p50 ${ms(percentile(times, 50))} ms, p99 ${
          ms(percentile(times, 99))
        } ms, max ${ms(Math.max(...times))} ms`,
      );
    }
  }
  const shown = (xs: number[]) => xs.map(ms).join(", ");
  console.log(
    `${workload}: created -> Running and Ready over ${PODS} pods on ${AGENTS} agents, median of ${RUNS}: ` +
      `p50 ${ms(median(p50s))} ms (${shown(p50s)}), p99 ${ms(median(p99s))} ms (${shown(p99s)}), ` +
      `max ${ms(median(maxes))} ms (${shown(maxes)}); target p99 <= 1000 ms: ${
        median(p99s) <= 1000 ? "met" : "not met"
      }`,
  );
}
