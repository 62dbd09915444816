/**
 * Pod creates per second through the Cluster facade on etcd and on SQLite, side by side in one
 * run, and watch latency on both (writer and watcher in this process). etcd is a member this
 * script starts (`--max-txn-ops 1024`), its data directory beside the SQLite file, so both pay
 * the same disk: under the system temp directory by default, or `--dir /dev/shm` to take fsync
 * out of the picture.
 *
 * Cases, each on both backends, medians of `--rounds` (3):
 * - `--singles` (2,000) `cluster.create()` one after another;
 * - `--batched` (10,000) pods through `cluster.apply()` in batches of `--batch` (100), one store
 *   batch each (an etcd transaction, an SQLite transaction), after apply's reads (the namespace
 *   and the current object, one request each on etcd); and the same batches straight to
 *   `cluster.store.batch()`, the store's floor without those reads;
 * - watch: `--writes` (500) creates paced `--interval` ms (5) apart while `cluster.watch("Pod")`
 *   runs; latency from the start of each create to the watcher's receipt of its ADDED event.
 *
 * Run: deno run -A bench/etcd_vs_sqlite.ts [--dir /dev/shm] [--rounds 3]
 */
import { parseArgs } from "node:util";
import type { AnyObject, Pod } from "../lib/api/types.ts";
import { Cluster } from "../lib/cluster/cluster.ts";
import { median } from "./_medians.ts";
import { benchPod } from "./_pods.ts";

const { values } = parseArgs({
  options: {
    dir: { type: "string" },
    rounds: { type: "string", default: "3" },
    singles: { type: "string", default: "2000" },
    batched: { type: "string", default: "10000" },
    batch: { type: "string", default: "100" },
    writes: { type: "string", default: "500" },
    interval: { type: "string", default: "5" },
  },
});
const rounds = Number(values.rounds), singles = Number(values.singles);
const batched = Number(values.batched), batchSize = Number(values.batch);
const writes = Number(values.writes), intervalMs = Number(values.interval);

/** An etcd member this script runs, on free loopback ports. */
interface Etcd {
  url: string;
  version: string;
  /** Deletes every key. */
  clear(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

async function startEtcd(dataDir: string): Promise<Etcd> {
  const url = `http://127.0.0.1:${freePort()}`, peer = `http://127.0.0.1:${freePort()}`;
  const child = new Deno.Command("etcd", {
    args: [
      ...["--data-dir", dataDir, "--listen-client-urls", url, "--advertise-client-urls", url],
      ...["--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer],
      ...["--initial-cluster", `default=${peer}`, "--max-txn-ops", "1024", "--log-level", "error"],
    ],
    stdout: "null",
    stderr: "null",
  }).spawn();
  const deadline = Date.now() + 20_000;
  let version = "";
  while (!version && Date.now() < deadline) {
    version = await fetch(`${url}/version`).then((r) => r.json()).then((v) => v.etcdserver)
      .catch(() => new Promise((resolve) => setTimeout(() => resolve(""), 50)));
  }
  const all = btoa("\0");
  return {
    url,
    version,
    async clear() {
      const body = JSON.stringify({ key: all, range_end: all });
      await (await fetch(`${url}/v3/kv/deleterange`, { method: "POST", body })).body?.cancel();
    },
    async stop() {
      child.kill("SIGTERM");
      await child.status;
    },
  };
}

type Backend = "etcd" | "SQLite";
const BACKENDS: Backend[] = ["etcd", "SQLite"];

const root = await Deno.makeTempDir({ dir: values.dir, prefix: "kclone_etcd_vs_sqlite_" });
const etcd = await startEtcd(`${root}/etcd`);
let opened = 0;

/** A fresh cluster: a new SQLite file, or an emptied etcd keyspace. */
async function open(backend: Backend): Promise<Cluster> {
  if (backend === "SQLite") return await Cluster.open({ db: `${root}/sqlite-${opened++}.db` });
  await etcd.clear();
  return await Cluster.open({ etcd: [etcd.url] });
}

function pod(i: number, prefix: string): Pod {
  const p = benchPod(i, prefix);
  delete p.status;
  return p;
}

async function timeCreates(backend: Backend, work: (c: Cluster) => Promise<void>): Promise<number> {
  const cluster = await open(backend);
  try {
    const start = performance.now();
    await work(cluster);
    return performance.now() - start;
  } finally {
    await cluster.close();
  }
}

const single = async (cluster: Cluster) => {
  for (let i = 0; i < singles; i++) await cluster.create(pod(i, "single"));
};
const batchOf = (i: number, prefix: string) =>
  Array.from({ length: batchSize }, (_, j) => pod(i + j, prefix));
const applied = async (cluster: Cluster) => {
  for (let i = 0; i < batched; i += batchSize) await cluster.apply(batchOf(i, "apply"));
};
const storeBatches = async (cluster: Cluster) => {
  for (let i = 0; i < batched; i += batchSize) {
    await cluster.store.batch(batchOf(i, "batch").map((object) => ({ op: "create", object })));
  }
};

/** Milliseconds from the start of each create to the watcher seeing it, in write order. */
async function watchLatencies(backend: Backend): Promise<number[]> {
  const cluster = await open(backend);
  const abort = new AbortController();
  const started = new Map<string, number>();
  const latencies: number[] = [];
  try {
    const events = cluster.watch("Pod", { signal: abort.signal });
    const watching = (async () => {
      for await (const { type, object } of events) {
        if (type !== "ADDED") continue;
        latencies.push(performance.now() - started.get((object as AnyObject).metadata.name!)!);
        if (latencies.length === writes) break;
      }
    })();
    for (let i = 0; i < writes; i++) {
      const p = pod(i, "watch");
      started.set(p.metadata.name!, performance.now());
      await cluster.create(p);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    await watching;
    return latencies;
  } finally {
    abort.abort();
    await cluster.close();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const rate = (count: number, ms: number) => Math.round(count / (ms / 1000)).toLocaleString("en-US");

try {
  console.log(`data under ${root} (etcd ${etcd.version}); medians of ${rounds} rounds`);
  for (
    const [name, count, work] of [
      [`${singles} single creates`, singles, single],
      [`${batched} creates, cluster.apply() of ${batchSize}`, batched, applied],
      [`${batched} creates, cluster.store.batch() of ${batchSize}`, batched, storeBatches],
    ] as const
  ) {
    for (const backend of BACKENDS) {
      const samples: number[] = [];
      for (let r = 0; r < rounds; r++) samples.push(await timeCreates(backend, work));
      const ms = median(samples);
      const all = samples.map((s) => rate(count, s)).join(", ");
      console.log(`${name}, ${backend}: ${rate(count, ms)} pods/s (rounds: ${all})`);
    }
  }
  for (const backend of BACKENDS) {
    const lat = await watchLatencies(backend);
    const f = (p: number) => percentile(lat, p).toFixed(2);
    console.log(
      `watch, ${backend}, ${writes} writes ${intervalMs} ms apart: ` +
        `p50 ${f(50)} ms, p99 ${f(99)} ms, max ${f(100)} ms`,
    );
  }
} finally {
  await etcd.stop();
  await Deno.remove(root, { recursive: true });
}
