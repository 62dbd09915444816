/**
 * The control plane end to end: a 1,000-replica Deployment applied to 100 nodes and settled
 * (ReplicaSet, 1,000 pods created, scheduled, bound and started by the simulated kubelet),
 * on SQLite and in memory side by side. Target: <= 1 s with SQLite.
 * Run: deno bench -A bench/control_plane_bench.ts
 */
import { Cluster } from "../lib/cluster/cluster.ts";
import { benchDeployment, benchNodes } from "./_cluster.ts";
import { printMediansOnUnload, sample } from "./_medians.ts";

printMediansOnUnload();

async function settleDeployment(name: string, db: string | undefined, b: Deno.BenchContext) {
  const cluster = await Cluster.open(db ? { db } : {});
  await cluster.apply(benchNodes(100));
  await cluster.settle();
  b.start();
  await sample(name, async () => {
    await cluster.apply(benchDeployment("web", 1000));
    const result = await cluster.settle();
    if (!result.converged) throw new Error("did not converge");
  });
  b.end();
  await cluster.close();
}

Deno.bench({
  name: "settle 1,000 replicas on 100 nodes, SQLite",
  group: "settle",
  baseline: true,
  n: 10,
  warmup: 2,
  async fn(b) {
    const dir = await Deno.makeTempDir({ prefix: "kclone-bench-" });
    await settleDeployment("SQLite", `${dir}/kclone.db`, b);
    await Deno.remove(dir, { recursive: true });
  },
});

Deno.bench({
  name: "settle 1,000 replicas on 100 nodes, memory",
  group: "settle",
  n: 10,
  warmup: 2,
  async fn(b) {
    await settleDeployment("memory", undefined, b);
  },
});
