/**
 * How much memory 100,000 pods take in the memory store.
 * Run: deno run -A --v8-flags=--expose-gc bench/memory_rss.ts [count]
 */
import { MemoryStore } from "../lib/store/memory.ts";
import { benchPod } from "./_pods.ts";

const count = Number(Deno.args[0] ?? 100_000);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = Deno.memoryUsage().rss;
const store = new MemoryStore();
for (let i = 0; i < count; i += 1000) {
  const ops = [];
  for (let j = i; j < Math.min(i + 1000, count); j++) {
    ops.push({ op: "create" as const, object: benchPod(j) });
  }
  await store.batch(ops);
}
gc?.();
const after = Deno.memoryUsage();
console.log(JSON.stringify({
  pods: count,
  rssMB: Math.round(after.rss / 1e6),
  rssGrowthMB: Math.round((after.rss - before) / 1e6),
  heapUsedMB: Math.round(after.heapUsed / 1e6),
  revision: await store.revision(),
}));
await store.close();
