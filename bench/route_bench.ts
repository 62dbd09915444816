/**
 * ServiceRouter.route() with 10,000 pods in the cluster: a service of 100 endpoints (the
 * baseline) beside one of all 10,000, the same Endpoints re-read at one resourceVersion, and the
 * first request after an Endpoints change (the one-off compile).
 * Run: deno bench -A bench/route_bench.ts
 *
 * A request never looks at the pods: route() reads the Endpoints, compiled once per uid and
 * resourceVersion. Deno's table shows means per iteration (10,000 requests); after it, this file
 * prints the median of each case's samples to stderr with requests/s (BENCHMARKS.md quotes those).
 */
import type { Endpoints, Pod, Service } from "../lib/api/types.ts";
import { ServiceRouter } from "../lib/network/mod.ts";
import { benchPod } from "./_pods.ts";

const PODS = 10_000;
const REQUESTS = 10_000;
const pods: Pod[] = Array.from({ length: PODS }, (_, i) => benchPod(i));
const samples = new Map<string, { ms: number[]; requests: number }>();

function serviceOf(name: string): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: "default", uid: `svc-${name}` },
    spec: { selector: { app: "web" }, ports: [{ port: 80, protocol: "TCP" }] },
  };
}

/** Endpoints as the endpoints controller writes them: the pods, ready, in one subset. */
function endpointsOf(name: string, backends: Pod[], resourceVersion = "1"): Endpoints {
  return {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name, namespace: "default", uid: `ep-${name}`, resourceVersion },
    subsets: [{
      addresses: backends.map((pod) => ({
        ip: pod.status!.podIP!,
        nodeName: pod.spec.nodeName,
        targetRef: {
          kind: "Pod",
          name: pod.metadata.name,
          namespace: "default",
          uid: `uid-${pod.metadata.name}`,
        },
      })),
      ports: [{ port: 80, protocol: "TCP" }],
    }],
  };
}

function define(name: string, requests: number, run: () => void, baseline = false): void {
  const record = { ms: [] as number[], requests };
  samples.set(name, record);
  Deno.bench({
    name,
    group: "route",
    baseline,
    n: 100,
    warmup: 10,
    fn() {
      const start = performance.now();
      run();
      record.ms.push(performance.now() - start);
    },
  });
}

const router = new ServiceRouter();
const small = serviceOf("web-100"), smallEndpoints = endpointsOf("web-100", pods.slice(0, 100));
const large = serviceOf("web-10k"), largeEndpoints = endpointsOf("web-10k", pods);

define("10,000 requests, 100 endpoints", REQUESTS, () => {
  for (let i = 0; i < REQUESTS; i++) router.route(small, smallEndpoints);
}, true);
define("10,000 requests, 10,000 endpoints", REQUESTS, () => {
  for (let i = 0; i < REQUESTS; i++) router.route(large, largeEndpoints);
});
define("10,000 requests, 100 endpoints, a fresh copy per request", REQUESTS, () => {
  // As a process that re-reads the Endpoints: new objects at the same uid and resourceVersion.
  for (let i = 0; i < REQUESTS; i++) router.route(small, { ...smallEndpoints });
});
let version = 1;
define("1 request after an Endpoints change, 10,000 endpoints", 1, () => {
  router.route(large, {
    ...largeEndpoints,
    metadata: { ...largeEndpoints.metadata, resourceVersion: `${++version}` },
  });
});

globalThis.addEventListener("unload", () => {
  const lines = ["", "median time per iteration and requests/s derived from it:"];
  for (const [name, { ms, requests }] of samples) {
    if (ms.length === 0) continue;
    const sorted = [...ms].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    const perSecond = Math.round(requests / (median / 1000));
    lines.push(
      `  ${name}: ${median.toFixed(3)} ms, ${perSecond.toLocaleString("en-US")} requests/s`,
    );
  }
  console.error(lines.join("\n"));
});
