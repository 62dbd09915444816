/**
 * Pod creates through `kclone server` over loopback HTTP: 20 concurrent clients (async loops in
 * this process, fetch with keep-alive) POST 10,000 small pods (100m cpu request) to
 * /api/v1/namespaces/default/pods on a fresh SQLite database. Two variants: without nodes (the
 * pods stay Pending: the API path alone) and with 100 nodes (the server's scheduler and simulated
 * kubelet bind and start every pod while the creates go on; also reported: how long from the
 * first create until every pod is Running). Target: >= 2,000 creates/s (etcd's single-client
 * figure is 583 writes/s). Each run starts a new server on a new database; medians of the runs.
 *
 * Run: deno run -A bench/server_creates.ts [--pods 10000] [--clients 20] [--runs 3]
 */
import { parseArgs } from "node:util";
import { Cluster } from "../lib/cluster/cluster.ts";
import { benchNodes } from "./_cluster.ts";
import { median } from "./_medians.ts";
import { createPods, pollUntil, startServerProcess } from "./server_process.ts";

const { values } = parseArgs({
  options: {
    pods: { type: "string", default: "10000" },
    clients: { type: "string", default: "20" },
    runs: { type: "string", default: "3" },
  },
});
const total = Number(values.pods), clients = Number(values.clients), runs = Number(values.runs);

/** What one run measured. */
interface Run {
  createsPerSecond: number;
  /** ms from the first create until every pod was Running (with nodes only). */
  allRunningMs?: number;
}

async function run(nodes: number): Promise<Run> {
  const dir = await Deno.makeTempDir({ prefix: "kclone-server-creates-" });
  const db = `${dir}/kclone.db`;
  const cluster = await Cluster.open({ db });
  if (nodes) {
    await cluster.apply(benchNodes(nodes));
    await cluster.settle();
  }
  await cluster.close();
  const server = await startServerProcess(db);
  try {
    const url = `${server.url}/api/v1/namespaces/default/pods`;
    const { start, createsPerSecond } = await createPods(server.url, total, clients);
    const result: Run = { createsPerSecond };
    if (nodes) {
      const notRunning = `${url}?fieldSelector=status.phase!%3DRunning&limit=1`;
      const done = await pollUntil(
        async () => {
          const list = await (await fetch(notRunning)).json() as { items: unknown[] };
          return list.items.length === 0;
        },
        100,
        300_000,
      );
      if (!done) throw new Error("pods not all Running after 300 s");
      result.allRunningMs = performance.now() - start;
    }
    return result;
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
}

console.log(`${total} pod creates from ${clients} concurrent clients, ${runs} runs per variant`);
for (const nodes of [0, 100]) {
  const name = nodes ? `with ${nodes} nodes` : "without nodes (pods stay Pending)";
  const results: Run[] = [];
  for (let i = 1; i <= runs; i++) {
    const result = await run(nodes);
    results.push(result);
    const running = result.allRunningMs === undefined
      ? ""
      : `, all Running after ${(result.allRunningMs / 1000).toFixed(2)} s`;
    console.log(`${name}, run ${i}: ${Math.round(result.createsPerSecond)} creates/s${running}`);
  }
  const rate = median(results.map((r) => r.createsPerSecond));
  const running = nodes
    ? `; all Running after ${
      (median(results.map((r) => r.allRunningMs!)) / 1000).toFixed(2)
    } s (median, polled every 100 ms)`
    : "";
  console.log(
    `${name}: median ${Math.round(rate).toLocaleString("en-US")} creates/s` +
      ` (target >= 2,000: ${rate >= 2000 ? "met" : "not met"})${running}`,
  );
}
