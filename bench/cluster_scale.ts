/**
 * 1,000 nodes with 100,000 pods (100 Deployments of 1,000 replicas) applied and settled in one
 * process, in memory: prints the settle time and the peak RSS. Target: <= 1 GB RSS.
 * Run: deno run -A --v8-flags=--max-old-space-size=768 bench/cluster_scale.ts
 * (and without the flag, to see V8's default heap sizing). Nodes get pod CIDRs from 10.128.0.0/9:
 * the default 10.244.0.0/16 holds 256 nodes' /24s, as in Kubernetes.
 */
import { Cluster } from "../lib/cluster/cluster.ts";
import { benchDeployment, benchNodes } from "./_cluster.ts";

const nodes = Number(Deno.args[0] ?? 1000);
const deployments = Number(Deno.args[1] ?? 100);
// 10.244.0.0/16 (the default, as flannel's) holds 256 nodes' /24s, as in Kubernetes: 1,000 nodes
// need a larger cluster CIDR, as they would on a real cluster.
const cluster = await Cluster.open({ nodeIpam: { clusterCIDR: "10.128.0.0/9" } });
await cluster.apply(benchNodes(nodes));
await cluster.settle();
const start = performance.now();
for (let i = 0; i < deployments; i++) await cluster.apply(benchDeployment(`app-${i}`, 1000));
const result = await cluster.settle({ maxRounds: 1000 });
const seconds = (performance.now() - start) / 1000;
const pods = (await cluster.store.list("Pod")).items;
const running = pods.filter((p) => p.status?.phase === "Running").length;
(globalThis as { gc?: () => void }).gc?.();
const peak = peakRssMB();
const memory = Deno.memoryUsage();
console.log(JSON.stringify({
  nodes,
  pods: pods.length,
  running,
  converged: result.converged,
  settleSeconds: Math.round(seconds * 10) / 10,
  rssMB: Math.round(memory.rss / 1e6),
  peakRssMB: peak,
  heapUsedMB: Math.round(memory.heapUsed / 1e6),
}));
await cluster.close();

/** Peak RSS of this process (VmHWM), in MB; undefined where /proc is missing. */
function peakRssMB(): number | undefined {
  try {
    const status = Deno.readTextFileSync("/proc/self/status");
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
    return Math.round(kb * 1024 / 1e6);
  } catch {
    return undefined;
  }
}
