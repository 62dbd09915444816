/**
 * Failover of kclone's control loops between `kclone server` processes on one etcd cluster
 * (three members on loopback, data on /dev/shm when there is one), and watch latency across
 * servers.
 *
 * Failover, `--runs` (5) times on a fresh etcd cluster with `--servers` (3) servers: a
 * Deployment of 1 pod on 3 nodes; SIGKILL of the lease holder; at once `kubectl scale` to 3
 * through a surviving server. Measured from the kill: (a) until a surviving server's read of the
 * Lease names a new holder, (b) until the Deployment has 3 Running pods (the first reconcile of
 * the new leader). Medians; the goal is under the lease duration (15 s) plus 1 s.
 *
 * Watch latency: `--pods` (100) pods created one after another through server A (POST), watched
 * through server B (a `?watch=1` stream); latency from the start of each POST to B's receipt of
 * its ADDED event. p50, p99 and max.
 *
 * Run: deno run -A bench/ha_failover.ts [--runs 5] [--servers 3] [--pods 100]
 */
import { parseArgs } from "node:util";
import { KCLONE_ETCD_FLAGS } from "../tests/e2e/_etcd_server.ts";
import {
  type HaServer,
  leaseHolder,
  listItems,
  nodeManifests,
  pollUntil,
  serverOf,
  startHaServer,
} from "../tests/e2e/_ha.ts";
import { kubectl } from "../tests/e2e/_kubectl.ts";
import { startEtcdCluster } from "../tests/store/_etcd_member.ts";
import type { Pod } from "../lib/api/types.ts";
import { median } from "./_medians.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    servers: { type: "string", default: "3" },
    pods: { type: "string", default: "100" },
  },
});
const runs = Number(values.runs), serverCount = Number(values.servers);
const podCount = Number(values.pods);

/** Runs `fn` with servers on a fresh three-member etcd cluster; tears all down after. */
async function withServers<T>(fn: (servers: HaServer[]) => Promise<T>): Promise<T> {
  const etcd = await startEtcdCluster({ size: 3, flags: KCLONE_ETCD_FLAGS });
  const dir = await Deno.makeTempDir({ prefix: "kclone-ha-bench-" });
  const servers = await Promise.all(
    Array.from({ length: serverCount }, (_, i) => startHaServer(etcd.urls, `${dir}/s${i}`)),
  );
  try {
    return await fn(servers);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    for (const member of etcd.members) await member.kill();
    await etcd.close();
    await Deno.remove(dir, { recursive: true });
  }
}

const running = async (server: HaServer) =>
  (await listItems<Pod>(server.url, "/api/v1/namespaces/default/pods?labelSelector=app%3Dweb"))
    .filter((pod) => pod.status?.phase === "Running").length;

/** One failover: milliseconds from the kill to the new holder and to the scaled Deployment. */
function failover(): Promise<{ takeover: number; reconcile: number }> {
  return withServers(async (servers) => {
    const [a] = servers;
    await kubectl(a.kubeconfig, ["create", "-f", "-"], nodeManifests(["n1", "n2", "n3"], 110));
    await kubectl(a.kubeconfig, ["create", "deployment", "web", "--image", "nginx"]);
    if (!await pollUntil(async () => await running(a) === 1, 10_000)) throw new Error("no pod");
    const old = await leaseHolder(a.url);
    const leader = serverOf(old, servers)!;
    const rest = servers.filter((server) => server !== leader);
    await leader.kill();
    const killedAt = performance.now();
    await kubectl(rest[0].kubeconfig, ["scale", "deployment", "web", "--replicas", "3"]);
    let takeover = NaN;
    const tookOver = pollUntil(
      async () => {
        const holder = await leaseHolder(rest[0].url);
        if (holder === "" || holder === old) return false;
        takeover = performance.now() - killedAt;
        return true;
      },
      30_000,
      10,
    );
    await pollUntil(async () => await running(rest[0]) === 3, 30_000, 10);
    const reconcile = performance.now() - killedAt;
    await tookOver;
    return { takeover, reconcile };
  });
}

/** Latencies of ADDED events of pods created through the first server, watched through the second. */
function watchLatency(): Promise<number[]> {
  return withServers(async ([a, b]) => {
    await kubectl(a.kubeconfig, ["create", "-f", "-"], nodeManifests(["n1", "n2", "n3"], 110));
    const list = await fetch(`${b.url}/api/v1/namespaces/default/pods`);
    const rv = (await list.json()).metadata.resourceVersion;
    const watch = await fetch(
      `${b.url}/api/v1/namespaces/default/pods?watch=1&resourceVersion=${rv}`,
    );
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    const received = (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      for await (const chunk of watch.body!) {
        const now = performance.now();
        buffer += decoder.decode(chunk, { stream: true });
        let newline;
        while ((newline = buffer.indexOf("\n")) >= 0) {
          const event = JSON.parse(buffer.slice(0, newline));
          buffer = buffer.slice(newline + 1);
          if (event.type !== "ADDED") continue;
          latencies.push(now - sentAt.get(event.object.metadata.name)!);
          if (latencies.length === podCount) return;
        }
      }
    })();
    for (let i = 0; i < podCount; i++) {
      const name = `p${i}`;
      const pod = {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name },
        spec: { containers: [{ name: "c", image: "nginx" }] },
      };
      sentAt.set(name, performance.now());
      const response = await fetch(`${a.url}/api/v1/namespaces/default/pods`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(pod),
      });
      if (response.status !== 201) {
        throw new Error(`create: ${response.status} ${await response.text()}`);
      }
      await response.body?.cancel();
    }
    await received;
    await watch.body?.cancel().catch(() => {});
    return latencies;
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (value: number) => `${Math.round(value).toLocaleString("en-US")} ms`;
const takeovers: number[] = [], reconciles: number[] = [];
for (let run = 1; run <= runs; run++) {
  const { takeover, reconcile } = await failover();
  takeovers.push(takeover);
  reconciles.push(reconcile);
  console.log(`run ${run}: new lease holder after ${ms(takeover)}, scaled after ${ms(reconcile)}`);
}
console.log(
  `failover (${serverCount} servers, lease 15 s), medians of ${runs}: new holder ${
    ms(median(takeovers))
  } (${ms(Math.min(...takeovers))}-${ms(Math.max(...takeovers))}), first reconcile ${
    ms(median(reconciles))
  } (${ms(Math.min(...reconciles))}-${ms(Math.max(...reconciles))}); goal < 16,000 ms`,
);
const latencies = (await watchLatency()).sort((x, y) => x - y);
console.log(
  `watch latency, ${podCount} pods created through server A, watched through B: p50 ${
    percentile(latencies, 50).toFixed(1)
  } ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
);
