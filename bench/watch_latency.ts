/**
 * How soon a watcher in another process sees a write to the SQLite store. This process opens
 * `store.watch("Pod")`; a child process (bench/_watch_writer.ts) creates pods in the same file,
 * one per transaction, and reports when each create was acknowledged. Latency is the watcher's
 * receipt minus the writer's acknowledgement, both as wall-clock ms on this machine (a negative
 * one: the event arrived before the writer's promise resolved). Two patterns per round: paced
 * (a pause between writes) and burst (back to back).
 *
 * Run: deno run -A bench/watch_latency.ts [--writes 1000] [--interval 5] [--rounds 3] [--poll 5]
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { SqliteStore } from "../lib/store/sqlite.ts";
import { wallClockMs, type WriterReport } from "./_watch_writer.ts";

/** Latencies of one run, in ms, in write order. */
interface Run {
  acknowledgedToSeen: number[];
  writeStartToSeen: number[];
}

const { values } = parseArgs({
  options: {
    writes: { type: "string", default: "1000" },
    interval: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    poll: { type: "string", default: "5" },
  },
});
const writes = Number(values.writes), rounds = Number(values.rounds);
const writer = fileURLToPath(new URL("./_watch_writer.ts", import.meta.url));

async function run(intervalMs: number): Promise<Run> {
  const dir = await Deno.makeTempDir({ prefix: "kclone_watch_latency_" });
  const store = SqliteStore.open(`${dir}/kclone.db`, { pollIntervalMs: Number(values.poll) });
  const abort = new AbortController();
  const seen = new Map<string, [receivedAt: number, writtenAt: number]>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const events = store.watch("Pod", { signal: abort.signal });
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", writer, `${dir}/kclone.db`, String(writes), String(intervalMs), "lat"],
      stdout: "piped",
    }).output();
    // Once the writer has exited, stop waiting for events that will never come.
    const giveUp = () => timer = setTimeout(() => abort.abort(), 2_000);
    child.then(giveUp, giveUp);
    for await (const { object } of events) {
      const writtenAt = Number(object.metadata.annotations?.["kclone.bench/written-at"]);
      seen.set(object.metadata.name!, [wallClockMs(), writtenAt]);
      if (seen.size === writes) break;
    }
    const output = await child;
    if (!output.success) throw new Error(`the writer failed with code ${output.code}`);
    const report = JSON.parse(new TextDecoder().decode(output.stdout)) as WriterReport;
    if (seen.size !== writes) throw new Error(`saw ${seen.size} of ${writes} writes`);
    const result: Run = { acknowledgedToSeen: [], writeStartToSeen: [] };
    report.acknowledged.forEach((ackAt, i) => {
      const [receivedAt, writtenAt] = seen.get(`lat-${i}`)!;
      result.acknowledgedToSeen.push(receivedAt - ackAt);
      result.writeStartToSeen.push(receivedAt - writtenAt);
    });
    return result;
  } finally {
    clearTimeout(timer);
    abort.abort();
    await store.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/** "p50 … p90 … p99 … max …" of latencies, nearest-rank percentiles. */
function summary(latencies: number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil(sorted.length * p / 100) - 1)];
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  const early = sorted.filter((v) => v < 0).length;
  return `p50 ${ms(at(50))}  p90 ${ms(at(90))}  p99 ${ms(at(99))}  max ${ms(sorted.at(-1)!)}` +
    (early ? `  (${early} seen before the ack)` : "");
}

const patterns = [
  { name: `paced (${values.interval} ms apart)`, intervalMs: Number(values.interval) },
  { name: "burst (back to back)", intervalMs: 0 },
];
console.log(
  `${writes} creates per run, watcher polling every ${values.poll} ms, ${rounds} rounds`,
);
for (const pattern of patterns) {
  const all: Run = { acknowledgedToSeen: [], writeStartToSeen: [] };
  for (let round = 1; round <= rounds; round++) {
    const result = await run(pattern.intervalMs);
    all.acknowledgedToSeen.push(...result.acknowledgedToSeen);
    all.writeStartToSeen.push(...result.writeStartToSeen);
    console.log(`${pattern.name} round ${round}: ack → seen ${summary(result.acknowledgedToSeen)}`);
  }
  console.log(`${pattern.name} all rounds:`);
  console.log(`  ack → seen          ${summary(all.acknowledgedToSeen)}`);
  console.log(`  write start → seen  ${summary(all.writeStartToSeen)}`);
}
