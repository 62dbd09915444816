/**
 * Memory of `kclone server` with 1,000 nodes and 10,000 pods: a SQLite database built and settled
 * through Cluster (10 Deployments of 1,000 replicas), then the server started as a child process.
 * Once `/readyz` answers and its control loop has finished its first pass (no change but Lease
 * renewals for 2 s and the server's CPU nearly idle; every pod Running, read from the file), VmRSS
 * and VmHWM are read from /proc/<pid>/status; then `kubectl get pods -A` runs once against it and they are read again. Target: RSS <= 300 MB
 * (k3s' server measured about 1.6 GB). Repeated with `--v8-flags=--max-old-space-size=256` when
 * the first figure is over the target (or always, with --heap-flag).
 *
 * Run: deno run -A bench/server_rss.ts [--nodes 1000] [--pods 10000] [--heap-flag]
 */
import { parseArgs } from "node:util";
import { Cluster } from "../lib/cluster/cluster.ts";
import { benchDeployment, benchNodes } from "./_cluster.ts";
import { KINDS } from "../lib/api/kinds.ts";
import { SqliteStore } from "../lib/store/sqlite.ts";
import {
  pollUntil,
  processCpuTicks,
  processRssMB,
  type ServerProcess,
  startServerProcess,
} from "./server_process.ts";

const { values } = parseArgs({
  options: {
    nodes: { type: "string", default: "1000" },
    pods: { type: "string", default: "10000" },
    "heap-flag": { type: "boolean", default: false },
  },
});
const nodes = Number(values.nodes), pods = Number(values.pods);
const TARGET_MB = 300;

const dir = await Deno.makeTempDir({ prefix: "kclone-server-rss-" });
const db = `${dir}/kclone.db`;
let start = performance.now();
const elapsed = () => `${((performance.now() - start) / 1000).toFixed(1)} s`;
// 10.244.0.0/16 holds 256 nodes' /24s: 1,000 nodes need a larger cluster CIDR (bench/cluster_scale.ts).
const cluster = await Cluster.open({ db, nodeIpam: { clusterCIDR: "10.128.0.0/9" } });
await cluster.apply(benchNodes(nodes));
await cluster.settle();
console.log(`${nodes} nodes applied and settled (${elapsed()})`);
for (let i = 0; i < pods / 1000; i++) {
  await cluster.apply(benchDeployment(`app-${i}`, 1000));
  await cluster.settle({ maxRounds: 1000 });
  console.log(`  ${(i + 1) * 1000} pods settled (${elapsed()})`);
}
await cluster.close();
console.log(`database built in ${elapsed()}: ${db}`);

/**
 * Waits until the server has finished its first pass: no change but Lease renewals (the simulated
 * kubelets renew every node's Lease each 10 s) for `quietMs`, and the server's CPU time grown by at
 * most 10% of that. Both are read beside the server (a watch on the SQLite file, /proc), so that
 * the wait adds nothing to the server's memory. Resolves to what it saw, and the pod phases read
 * from the file.
 */
async function settled(server: ServerProcess, quietMs = 2000): Promise<string> {
  const store = SqliteStore.open(db);
  const stop = new AbortController();
  const from = String(await store.revision());
  let changes = 0, lastChange = performance.now();
  for (const kind of new Set(KINDS.map((k) => k.kind))) {
    if (kind === "Lease") continue;
    (async () => {
      for await (const _ of store.watch(kind, { resourceVersion: from, signal: stop.signal })) {
        changes++;
        lastChange = performance.now();
      }
    })().catch(() => {});
  }
  try {
    const cpu: { at: number; ticks: number }[] = [];
    const ok = await pollUntil(
      () => {
        const now = performance.now();
        cpu.push({ at: now, ticks: processCpuTicks(server.pid) });
        const window = cpu.filter((c) => now - c.at <= quietMs);
        const idle = now - window[0].at >= quietMs * 0.75 &&
          (cpu.at(-1)!.ticks - window[0].ticks) * 10 <= quietMs * 0.1;
        return Promise.resolve(idle && now - lastChange >= quietMs);
      },
      250,
      300_000,
    );
    if (!ok) throw new Error("the server did not settle in 300 s");
    const items = (await store.list("Pod")).items;
    const running = items.filter((p) => p.status?.phase === "Running").length;
    return `${changes} changes besides Leases; ${items.length} pods, ${running} Running`;
  } finally {
    stop.abort();
    await store.close();
  }
}

async function measure(denoFlags: string[]): Promise<void> {
  const name = denoFlags.length ? denoFlags.join(" ") : "default V8 heap sizing";
  start = performance.now();
  const server = await startServerProcess(db, { denoFlags });
  try {
    await pollUntil(async () => (await fetch(`${server.url}/readyz`)).ok, 100, 60_000);
    console.log(`${name}: listening and ready after ${elapsed()}`);
    const state = await settled(server);
    const before = processRssMB(server.pid);
    console.log(
      `${name}: settled after ${elapsed()} (${state}); RSS ${before.rss} MB, peak (VmHWM) ${before.hwm} MB`,
    );
    const kubectl = await new Deno.Command("kubectl", {
      args: ["--kubeconfig", server.kubeconfig, "get", "pods", "-A"],
      stdout: "piped",
      stderr: "piped",
    }).output().catch(() => undefined);
    if (!kubectl) {
      console.log(`${name}: kubectl is not installed: no figure after a kubectl get`);
    } else {
      if (!kubectl.success) throw new Error(new TextDecoder().decode(kubectl.stderr));
      const after = processRssMB(server.pid);
      console.log(
        `${name}: after kubectl get pods -A: RSS ${after.rss} MB, peak (VmHWM) ${after.hwm} MB`,
      );
    }
    const worst = Math.max(before.rss, processRssMB(server.pid).rss);
    console.log(
      `${name}: target RSS <= ${TARGET_MB} MB: ${worst <= TARGET_MB ? "met" : "not met"}`,
    );
    if (!denoFlags.length && (worst > TARGET_MB || values["heap-flag"])) {
      await server.stop();
      await measure(["--v8-flags=--max-old-space-size=256"]);
    }
  } finally {
    await server.stop();
  }
}

try {
  await measure([]);
} finally {
  await Deno.remove(dir, { recursive: true });
}
