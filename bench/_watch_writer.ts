/**
 * The writing process of bench/watch_latency.ts: creates pods in an SQLite store, one per
 * transaction, and prints, as one JSON line on stdout, the wall-clock time at which each create
 * was acknowledged (its promise resolved). Each pod also carries the time just before its write in
 * the annotation `kclone.bench/written-at`.
 *
 * Run (by watch_latency.ts): deno run -A bench/_watch_writer.ts <db> <writes> <intervalMs> <prefix>
 */
import { SqliteStore } from "../lib/store/sqlite.ts";
import { benchPod } from "./_pods.ts";

/** The writer's report: acknowledgement times in wall-clock ms, by pod index. */
export interface WriterReport {
  /** `performance.timeOrigin + performance.now()` when each create resolved. */
  acknowledged: number[];
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

if (import.meta.main) {
  const [path, writes, intervalMs, prefix] = Deno.args;
  const store = SqliteStore.open(path);
  const acknowledged: number[] = [];
  try {
    for (let i = 0; i < Number(writes); i++) {
      if (i > 0 && Number(intervalMs) > 0) {
        await new Promise((resolve) => setTimeout(resolve, Number(intervalMs)));
      }
      const pod = benchPod(i, prefix);
      pod.metadata.annotations = { "kclone.bench/written-at": wallClockMs().toFixed(3) };
      await store.create(pod);
      acknowledged.push(wallClockMs());
    }
  } finally {
    await store.close();
  }
  const report: WriterReport = { acknowledged };
  console.log(JSON.stringify(report));
}
