/**
 * The scheduler at scale: 50,000 pods (100m / 128Mi) placed one by one on 5,000 nodes
 * (32 cpu, 128Gi, 110 pods), each iteration one schedule() and the assume() after it, as the
 * control plane does. Per strategy, adaptive sampling (the baseline: 500 of 5,000 nodes per pod)
 * against exhaustive (all 5,000), and adaptive without the per-node explanation.
 * Run: deno bench -A bench/scheduler_bench.ts
 *
 * Deno's table shows the mean time per pod; after it, this file prints the median of each case
 * and pods/s derived from it, plus pods/s over the whole run (BENCHMARKS.md quotes those).
 */
import type { Node, Pod, PodSpec } from "../lib/api/types.ts";
import {
  NodeInfoCache,
  type SchedulerOptions,
  SchedulingAlgorithm,
  type ScoringStrategy,
} from "../lib/scheduler/mod.ts";

const NODES = 5_000;
const PODS = 50_000;
const samples = new Map<string, number[]>();

function node(i: number): Node {
  const name = `node-${String(i).padStart(5, "0")}`;
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name } },
    status: {
      capacity: { cpu: "32", memory: "128Gi", pods: "110" },
      allocatable: { cpu: "32", memory: "128Gi", pods: "110" },
      conditions: [{ type: "Ready", status: "True" }],
    },
  };
}

// One spec shared by every pod, as the pods of one ReplicaSet share their template.
const spec: PodSpec = {
  containers: [{
    name: "web",
    image: "nginx:1.27",
    resources: { requests: { cpu: "100m", memory: "128Mi" } },
  }],
};

function pod(prefix: string, i: number): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `${prefix}-${i}`, namespace: "default", labels: { app: "web" } },
    spec,
  };
}

/** The measured iterations of each case (deno bench runs warmups through the same function). */
const counts = new Map<string, number>();

interface Case {
  strategy: ScoringStrategy;
  mode: "adaptive" | "exhaustive" | "adaptive, explain off";
  n: number;
}

function define({ strategy, mode, n }: Case): void {
  const group = `${strategy}: schedule + assume 1 pod, ${NODES} nodes`;
  const name = `${strategy} ${mode}`;
  const ms: number[] = [];
  samples.set(name, ms);
  counts.set(name, n);
  const options: SchedulerOptions = {
    strategy,
    exhaustive: mode === "exhaustive",
    explain: mode !== "adaptive, explain off",
  };
  let state: { cache: NodeInfoCache; scheduler: SchedulingAlgorithm } | undefined;
  let i = 0;
  Deno.bench({
    name,
    group,
    baseline: mode === "adaptive",
    n,
    warmup: 50,
    fn(b) {
      if (!state) {
        const cache = new NodeInfoCache();
        for (let j = 0; j < NODES; j++) cache.addNode(node(j));
        state = { cache, scheduler: new SchedulingAlgorithm(options) };
      }
      const next = pod(name.replaceAll(/[^a-z]+/gi, "-"), i++);
      const start = performance.now();
      b.start();
      const result = state.scheduler.schedule(next, state.cache);
      state.cache.assume(next, result.nodeName!);
      b.end();
      ms.push(performance.now() - start);
    },
  });
}

for (const strategy of ["MostAllocated", "LeastAllocated"] as const) {
  define({ strategy, mode: "adaptive", n: PODS });
  define({ strategy, mode: "adaptive, explain off", n: PODS });
  define({ strategy, mode: "exhaustive", n: PODS });
}

globalThis.addEventListener("unload", () => {
  const lines = ["", "per pod (schedule + assume), median and over the whole run:"];
  for (const [name, all] of samples) {
    if (all.length === 0) continue;
    const ms = all.slice(-counts.get(name)!);
    const sorted = [...ms].sort((a, b) => a - b);
    const median = (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
    const total = ms.reduce((a, b) => a + b, 0);
    const perSecond = (x: number) => Math.round(x).toLocaleString("en-US").padStart(8);
    lines.push(
      `  ${name.padEnd(40)} median ${(median * 1_000).toFixed(1).padStart(7)} µs ` +
        `${perSecond(1_000 / median)} pods/s; ${ms.length} pods ${
          perSecond(ms.length / total * 1_000)
        } pods/s`,
    );
  }
  console.error(lines.join("\n"));
});
