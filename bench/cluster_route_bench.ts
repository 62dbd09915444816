/**
 * Cluster.route() with 10,000 pods in the cluster: a Service of 100 ready endpoints among them,
 * and one of 10,000. Target: >= 200,000 requests/s.
 * Run: deno bench -A bench/cluster_route_bench.ts
 */
import { Cluster } from "../lib/cluster/cluster.ts";
import { benchDeployment, benchNodes } from "./_cluster.ts";
import { printMediansOnUnload, sample } from "./_medians.ts";

const cluster = await Cluster.open();
await cluster.apply(benchNodes(100));
await cluster.apply([benchDeployment("big", 9_900), benchDeployment("small", 100)]);
for (const name of ["big", "small"]) {
  await cluster.apply({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: "http" }] },
  });
}
await cluster.settle({ maxRounds: 1000 });
const all = (await cluster.list("Endpoints")).flatMap((e) => e.subsets ?? []);
const ready = all.reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
if (ready !== 10_000) throw new Error(`expected 10,000 ready endpoints, found ${ready}`);
const REQUESTS = 10_000;
printMediansOnUnload({ count: REQUESTS, unit: "requests" });

Deno.bench({
  name: "route() x10,000, Service of 100 endpoints (10,000 pods in the cluster)",
  group: "route",
  baseline: true,
  async fn() {
    await sample("100 endpoints", async () => {
      for (let i = 0; i < REQUESTS; i++) await cluster.route("small");
    });
  },
});

Deno.bench({
  name: "route() x10,000, Service of 9,900 endpoints",
  group: "route",
  async fn() {
    await sample("9,900 endpoints", async () => {
      for (let i = 0; i < REQUESTS; i++) await cluster.route("big");
    });
  },
});
