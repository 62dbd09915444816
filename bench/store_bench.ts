/**
 * The stores side by side: SQLite (the baseline of every group) against memory.
 * Run: deno bench -A bench/store_bench.ts
 *
 * Deno's table shows means; after it, this file prints the median of each case's last `n`
 * samples to stderr, with objects/s derived from it (BENCHMARKS.md quotes those).
 */
import type { Pod } from "../lib/api/types.ts";
import { MemoryStore } from "../lib/store/memory.ts";
import { SqliteStore, type SqliteStoreOptions } from "../lib/store/sqlite.ts";
import type { BatchOperation, Store } from "../lib/store/store.ts";
import { benchPod } from "./_pods.ts";

const LIST_SIZE = 100_000;
const BATCH = 1_000;
const dir = Deno.makeTempDirSync({ prefix: "kclone_store_bench_" });
const stores: Store[] = [];
const samples = new Map<string, { ms: number[]; n: number; objects: number }>();

type Backend = "SQLite" | "memory" | "SQLite FULL";

function open(backend: Backend, file: string): Store {
  const options: SqliteStoreOptions = backend === "SQLite FULL" ? { synchronous: "FULL" } : {};
  const store = backend === "memory"
    ? new MemoryStore()
    : SqliteStore.open(`${dir}/${file}.db`, options);
  stores.push(store);
  return store;
}

/** A store of each backend holding 100,000 pods, made once, outside any measurement. */
const filled = new Map<Backend, Promise<Store>>();
function fixture(backend: Backend): Promise<Store> {
  let store = filled.get(backend);
  if (!store) filled.set(backend, store = fill(open(backend, "list_100k"), LIST_SIZE));
  return store;
}

async function fill(store: Store, count: number): Promise<Store> {
  for (let i = 0; i < count; i += BATCH) await store.batch(creates(i, BATCH, "web"));
  return store;
}

function creates(from: number, count: number, prefix: string): BatchOperation[] {
  return Array.from({ length: count }, (_, j) => ({
    op: "create" as const,
    object: benchPod(from + j, prefix),
  }));
}

/** One iteration: untimed preparation of the input, then the timed work on it. */
interface Step<I> {
  prepare(i: number): I;
  work(input: I, i: number): Promise<unknown>;
}

interface Case<I> {
  group: string;
  backend: Backend;
  /** Objects handled per iteration, for objects/s. */
  objects: number;
  n: number;
  warmup: number;
  /** Makes the state of the case, once, before its first (warmup) iteration. */
  setup(backend: Backend): Promise<Step<I>>;
}

function define<I>(c: Case<I>): void {
  const name = `${c.group}: ${c.backend}`;
  const record = { ms: [] as number[], n: c.n, objects: c.objects };
  samples.set(name, record);
  let step: Step<I> | undefined;
  let i = 0;
  Deno.bench({
    name,
    group: c.group,
    baseline: c.backend === "SQLite",
    n: c.n,
    warmup: c.warmup,
    async fn(b) {
      step ??= await c.setup(c.backend);
      const input = step.prepare(i);
      const start = performance.now();
      b.start();
      await step.work(input, i);
      b.end();
      record.ms.push(performance.now() - start);
      i += 1;
    },
  });
}

const backends: Backend[] = ["SQLite", "memory"];
for (const backend of backends) {
  define<BatchOperation[]>({
    group: "batch create 1,000 pods per transaction",
    backend,
    objects: BATCH,
    n: 30,
    warmup: 3,
    setup: (b) => {
      const store = open(b, "batch");
      return Promise.resolve({
        prepare: (i) => creates(i * BATCH, BATCH, "batch"),
        work: (operations) => store.batch(operations),
      });
    },
  });
}
for (const backend of [...backends, "SQLite FULL" as const]) {
  define<Pod>({
    group: "create 1 pod per transaction",
    backend,
    objects: 1,
    n: 2_000,
    warmup: 100,
    setup: (b) => {
      const store = open(b, b === "SQLite FULL" ? "single_full" : "single");
      return Promise.resolve({
        prepare: (i) => benchPod(i, "single"),
        work: (pod) => store.create(pod),
      });
    },
  });
}
for (const backend of backends) {
  define({
    group: "list 100,000 pods",
    backend,
    objects: LIST_SIZE,
    n: 5,
    warmup: 1,
    setup: async (b) => {
      const store = await fixture(b);
      return {
        prepare: () => undefined,
        work: async () => {
          const { items } = await store.list("Pod");
          if (items.length !== LIST_SIZE) throw new Error(`listed ${items.length} pods`);
        },
      };
    },
  });
}
for (const backend of backends) {
  define({
    group: "get 100 pods by name, one at a time (of 100,000)",
    backend,
    objects: 100,
    n: 200,
    warmup: 10,
    setup: async (b) => {
      const store = await fixture(b);
      // A stride through the names, so that reads are not all of one hot row. 100 gets per
      // iteration keep memory's above the 10 µs under which deno bench ignores b.start/b.end.
      return {
        prepare: (i) =>
          Array.from({ length: 100 }, (_, j) => `web-${(i * 100 + j) * 7_919 % LIST_SIZE}`),
        work: async (names) => {
          for (const name of names) await store.get("Pod", "default", name);
        },
      };
    },
  });
}
for (const backend of backends) {
  define({
    group: "update 1 pod with its resourceVersion",
    backend,
    objects: 1,
    n: 2_000,
    warmup: 100,
    setup: async (b) => {
      const store = await fixture(b);
      // The last version of each pod this case touches, so that every update is current.
      const latest: Pod[] = [];
      for (let j = 0; j < 1_000; j++) latest.push((await store.get("Pod", "default", `web-${j}`))!);
      return {
        prepare: (i) => {
          const pod = structuredClone(latest[i % 1_000]);
          pod.metadata.annotations = { "kclone.bench/iteration": String(i) };
          return pod;
        },
        work: async (pod, i) => {
          latest[i % 1_000] = await store.update(pod);
        },
      };
    },
  });
}

globalThis.addEventListener("unload", () => {
  for (const store of stores) store.close();
  Deno.removeSync(dir, { recursive: true });
  const lines = [
    "",
    "median time per iteration (last n samples of each case) and objects/s derived from it:",
  ];
  for (const [name, { ms, n, objects }] of samples) {
    if (ms.length === 0) continue;
    const last = ms.slice(-n).sort((a, b) => a - b);
    const median = (last[(last.length - 1) >> 1] + last[last.length >> 1]) / 2;
    const rate = Math.round(objects / median * 1_000).toLocaleString("en-US");
    const time = median < 1 ? `${(median * 1_000).toFixed(1)} µs` : `${median.toFixed(1)} ms`;
    lines.push(`  ${name.padEnd(62)} ${time.padStart(10)}  ${rate.padStart(10)} objects/s`);
  }
  console.error(lines.join("\n"));
});
