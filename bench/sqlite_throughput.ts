/**
 * Whole-run throughput of the stores, as the targets state it: create 100,000 pods in batches of
 * 1,000, list all of them, then create 10,000 more one per transaction; a fresh store each round.
 * Prints each round and the medians. Three stores: SQLite as opened by default (synchronous=NORMAL),
 * SQLite with synchronous=FULL (an fsync per commit, as etcd does), and memory.
 *
 * Run: deno run -A bench/sqlite_throughput.ts [--rounds 5] [--pods 100000] [--single 10000]
 */
import { parseArgs } from "node:util";
import { MemoryStore } from "../lib/store/memory.ts";
import { SqliteStore } from "../lib/store/sqlite.ts";
import type { Store } from "../lib/store/store.ts";
import { benchPod } from "./_pods.ts";

/** One round's figures of one store. */
interface Round {
  batchPerSecond: number;
  listMs: number;
  singlePerSecond: number;
}

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "5" },
    pods: { type: "string", default: "100000" },
    single: { type: "string", default: "10000" },
  },
});
const rounds = Number(values.rounds), pods = Number(values.pods), single = Number(values.single);
const BATCH = 1_000;

async function measure(store: Store): Promise<Round> {
  let start = performance.now();
  for (let i = 0; i < pods; i += BATCH) {
    const operations = [];
    for (let j = i; j < Math.min(i + BATCH, pods); j++) {
      operations.push({ op: "create" as const, object: benchPod(j) });
    }
    await store.batch(operations);
  }
  const batchPerSecond = pods / (performance.now() - start) * 1_000;
  start = performance.now();
  const { items } = await store.list("Pod");
  const listMs = performance.now() - start;
  if (items.length !== pods) throw new Error(`listed ${items.length} pods, want ${pods}`);
  start = performance.now();
  for (let i = 0; i < single; i++) await store.create(benchPod(i, "single"));
  const singlePerSecond = single / (performance.now() - start) * 1_000;
  return { batchPerSecond, listMs, singlePerSecond };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
}

const backends = ["SQLite", "SQLite FULL", "memory"] as const;
const results = new Map<string, Round[]>(backends.map((b) => [b, []]));
const format = (n: number) => Math.round(n).toLocaleString("en-US");

for (let round = 1; round <= rounds; round++) {
  for (const backend of backends) {
    const dir = await Deno.makeTempDir({ prefix: "kclone_throughput_" });
    const store = backend === "memory" ? new MemoryStore() : SqliteStore.open(`${dir}/kclone.db`, {
      synchronous: backend === "SQLite FULL" ? "FULL" : "NORMAL",
    });
    try {
      const r = await measure(store);
      results.get(backend)!.push(r);
      console.log(
        `round ${round} ${backend.padEnd(11)} batch ${format(r.batchPerSecond)} pods/s, ` +
          `list ${r.listMs.toFixed(0)} ms, one per transaction ${format(r.singlePerSecond)} pods/s`,
      );
    } finally {
      await store.close();
      await Deno.remove(dir, { recursive: true });
    }
  }
}

console.log(
  `\nmedians of ${rounds} rounds (${format(pods)} pods in batches of ${BATCH}, ` +
    `list of ${format(pods)}, ${format(single)} creates one per transaction):`,
);
for (const [backend, rs] of results) {
  console.log(
    `  ${backend.padEnd(11)} batch ${format(median(rs.map((r) => r.batchPerSecond)))} pods/s, ` +
      `list ${median(rs.map((r) => r.listMs)).toFixed(0)} ms, ` +
      `one per transaction ${format(median(rs.map((r) => r.singlePerSecond)))} pods/s`,
  );
}
