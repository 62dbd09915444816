/**
 * Pod creates per second through `kclone server` on etcd and on SQLite, side by side in one run.
 * Rounds alternate the backends (SQLite, etcd, SQLite, ...), each on a fresh SQLite database or a
 * fresh etcd member (tests/store/_etcd_member.ts, `--max-txn-ops 1024`), and a new server. No
 * nodes: the pods stay Pending, so this is the API path alone. Two variants, medians of `--runs`
 * (3) rounds per backend, and the SQLite/etcd ratio:
 * - `--clients` (20) concurrent clients (async loops in this process, fetch with keep-alive)
 *   POST `--pods` (4,000) small pods to /api/v1/namespaces/default/pods;
 * - one client POSTs `--single-pods` (1,000) one after another: comparable with etcd's own
 *   single-client figure, 583 writes/s on 8 vCPUs (1 key, 1 client, 1 connection).
 *
 * A server that has not ended 20 s after SIGTERM is killed (SIGKILL), saying so.
 *
 * Both stores live under `--dir`, /dev/shm by default (tmpfs: fsync costs nothing, as on the etcd
 * test helper's default); `--dir /tmp` puts both on disk.
 *
 * Run: deno run -A bench/server_creates_etcd.ts [--pods 4000] [--clients 20] [--single-pods 1000]
 *   [--runs 3] [--dir /dev/shm]
 */
import { parseArgs } from "node:util";
import { ETCD_BINARY, etcdPresent, startEtcdMember } from "../tests/store/_etcd_member.ts";
import { median } from "./_medians.ts";
import { createPods, type ServerProcess, startServerProcess } from "./server_process.ts";

const { values } = parseArgs({
  options: {
    pods: { type: "string", default: "4000" },
    clients: { type: "string", default: "20" },
    "single-pods": { type: "string", default: "1000" },
    runs: { type: "string", default: "3" },
    dir: { type: "string", default: "/dev/shm" },
  },
});
const runs = Number(values.runs);
const VARIANTS = [
  { name: `${values.clients} clients`, pods: Number(values.pods), clients: Number(values.clients) },
  { name: "1 client", pods: Number(values["single-pods"]), clients: 1 },
];
type Backend = "SQLite" | "etcd";
const BACKENDS: Backend[] = ["SQLite", "etcd"];

/**
 * Stops a server: SIGTERM, then SIGKILL if it has not ended `graceMs` later (a server on etcd can
 * hang on SIGTERM after a few thousand creates). Resolves to true if it had to be killed.
 */
async function stopOrKill(server: ServerProcess, graceMs = 20_000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) => timer = setTimeout(() => resolve("late"), graceMs));
  const ended = await Promise.race([server.stop(), late]);
  clearTimeout(timer);
  if (ended !== "late") return false;
  Deno.kill(server.pid, "SIGKILL");
  await server.stop();
  return true;
}

/** One round: a fresh store and server of `backend`, `total` creates; resolves to creates/s. */
async function round(backend: Backend, total: number, clients: number): Promise<number> {
  const dir = await Deno.makeTempDir({ dir: values.dir, prefix: "kclone-creates-etcd-" });
  const etcd = backend === "etcd"
    ? await startEtcdMember(["--max-txn-ops", "1024", "--data-dir", `${dir}/etcd`])
    : undefined;
  try {
    const server = etcd
      ? await startServerProcess(`${dir}/kclone.db`, { etcd: etcd.urls[0] })
      : await startServerProcess(`${dir}/kclone.db`);
    try {
      return (await createPods(server.url, total, clients)).createsPerSecond;
    } finally {
      if (await stopOrKill(server)) {
        console.log(`  (${backend} server still running 20 s after SIGTERM: killed with SIGKILL)`);
      }
    }
  } finally {
    await etcd?.close();
    await Deno.remove(dir, { recursive: true });
  }
}

if (!etcdPresent()) {
  console.error(`${ETCD_BINARY} is absent (Debian's etcd-server package)`);
  Deno.exit(1);
}
const version = new TextDecoder().decode(
  (await new Deno.Command(ETCD_BINARY, { args: ["--version"] }).output()).stdout,
).split("\n")[0];
console.log(
  `kclone server on SQLite vs on etcd (${version}), stores under ${values.dir}, no nodes`,
);
for (const variant of VARIANTS) {
  const rates: Record<Backend, number[]> = { SQLite: [], etcd: [] };
  for (let i = 1; i <= runs; i++) {
    for (const backend of BACKENDS) {
      const rate = await round(backend, variant.pods, variant.clients);
      rates[backend].push(rate);
      console.log(
        `${variant.name}, ${variant.pods} creates, ${backend}, round ${i}: ${
          Math.round(rate)
        } creates/s`,
      );
    }
  }
  const sqlite = median(rates.SQLite), etcd = median(rates.etcd);
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
  console.log(
    `${variant.name}, ${variant.pods} creates: median SQLite ${fmt(sqlite)} creates/s, etcd ${
      fmt(etcd)
    } creates/s, SQLite/etcd ${(sqlite / etcd).toFixed(2)}x` +
      (variant.clients === 1 ? " (etcd's own single-client figure: 583 writes/s on 8 vCPUs)" : ""),
  );
}
