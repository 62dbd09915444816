import { isDeepStrictEqual } from "node:util";
import { FakeClock } from "../api/clock.ts";
import { ApiError } from "../api/errors.ts";
import type { Pod, Service } from "../api/types.ts";
import { Cluster } from "../cluster/cluster.ts";
import { nodeBars } from "./_picture.ts";
import { BROKEN, NODES, web } from "./_manifests.ts";
import { realPodsStep } from "./real_pods.ts";

/** Where the demo writes its narration. */
export type DemoOutput = (line: string) => void;

/** Options of runDemo. */
export interface DemoOptions {
  /** Called as each step starts: step `done` of `total` (for a progress bar). */
  onStep?: (done: number, total: number) => void;
}

/** The demo's numbered steps. */
const DEMO_STEPS = 8;

/**
 * A narrated walk through kclone on a temporary SQLite database: bin-packing, a Service's virtual
 * IP and round robin, a pending pod and why, a node failure, a rolling update and rollback, bad
 * input, persistence and snapshots. Time is a fake clock the demo moves, so it takes seconds and
 * needs no terminal.
 */
export async function runDemo(
  out: DemoOutput = console.log,
  options: DemoOptions = {},
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "kclone-demo-" });
  const db = `${dir}/kclone.db`;
  const clock = new FakeClock(Date.now());
  let cluster = await Cluster.open({ db, clock });
  let steps = 0;
  const step = (title: string) => {
    options.onStep?.(++steps, DEMO_STEPS);
    out(`\n== ${title}`);
  };
  const picture = async () => (nodeBars(await cluster.nodeUsage())).forEach((l) => out(`   ${l}`));
  try {
    out(`kclone demo: a cluster in ${db}`);
    step("1. Nodes, and a Deployment placed by bin-packing (MostAllocated)");
    for (const r of await cluster.apply(NODES)) {
      out(`   node/${r.object.metadata.name} ${r.action}`);
    }
    await cluster.apply(web(3));
    await cluster.settle();
    out("   deployment.apps/web created: 3 replicas of 1 CPU each");
    await picture();
    out("   The scheduler fills the most allocated node first; node-gpu's taint keeps pods off.");

    step("2. A Service gets a virtual IP; requests go round robin");
    const service = (await cluster.get("Service", "web")) as Service;
    out(`   service/web  ClusterIP ${service.spec.clusterIP}  port 80 -> targetPort http`);
    for (let i = 1; i <= 4; i++) {
      const r = await cluster.route("web");
      out(`   request ${i} -> ${r.pod} (${r.ip}:${r.port})`);
    }

    step("3. Scaling past capacity: the extra pods stay Pending, and say why");
    await cluster.apply(web(10));
    await cluster.settle();
    await picture();
    const pending = (await cluster.list("Pod")).filter((p) => !p.spec.nodeName) as Pod[];
    const reason = pending[0]?.status?.conditions?.find((c) => c.type === "PodScheduled");
    out(`   ${pending.length} pod(s) Pending, ${reason?.reason}: ${reason?.message}`);
    const why = await cluster.explain(pending[0].metadata.name!);
    for (const failed of why.filters.failed) {
      const last = failed.statuses[failed.statuses.length - 1];
      out(`   explain: ${failed.node} rejected by ${last.plugin}: ${last.reasons.join(", ")}`);
    }
    await cluster.apply(web(4));
    await cluster.settle();

    step("4. A node fails: its kubelet stops renewing its Lease");
    const victim = (await cluster.list("Pod")).find((p) => p.spec.nodeName)!.spec.nodeName!;
    const node = (await cluster.get("Node", victim))!;
    await cluster.update({
      ...node,
      metadata: { ...node.metadata, annotations: { "kclone.dev/kubelet": "stopped" } },
    });
    clock.advance(40_000);
    await cluster.settle();
    out(`   40 s later ${victim} is NotReady and tainted node.kubernetes.io/unreachable:NoExecute`);
    clock.advance(300_000);
    await cluster.settle();
    out("   300 s later its pods are evicted and their ReplicaSet replaces them elsewhere:");
    await picture();

    const failed = (await cluster.get("Node", victim))!;
    await cluster.update({ ...failed, metadata: { ...failed.metadata, annotations: {} } });
    clock.advance(10_000);
    await cluster.settle();
    out(`   The kubelet comes back: ${victim} is Ready again and untainted.`);

    step("5. A rolling update (maxSurge 1, maxUnavailable 0), then a rollback");
    await cluster.apply(web(4, "nginx:1.28"));
    await cluster.settle({
      onRound: async (round) => {
        const pods = await cluster.list("Pod", { labelSelector: "app=web" });
        const count = (image: string) =>
          pods.filter((p) => p.spec.containers[0].image === image).length;
        out(`   round ${round}: ${count("nginx:1.27")} old, ${count("nginx:1.28")} new pods`);
      },
    });
    await cluster.rollback("web");
    await cluster.settle();
    const images = (await cluster.list("Pod")).map((p) => p.spec.containers[0].image);
    const revision = (await cluster.get("Deployment", "web"))?.metadata.annotations
      ?.["deployment.kubernetes.io/revision"];
    out(`   rolled back: revision ${revision}, images ${[...new Set(images)].join(", ")}`);

    step("6. Bad input is rejected with Kubernetes' message, and nothing is written");
    try {
      await cluster.apply(BROKEN, { source: "broken.yaml" });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      out(`   Error from server (${error.reason}): ${error.message}`);
    }

    step("7. State survives the process, and a snapshot moves it to another store");
    await cluster.close();
    cluster = await Cluster.open({ db, clock });
    out(
      `   reopened: ${(await cluster.list("Pod")).length} pods, next request -> ${
        (await cluster.route("web")).pod
      }`,
    );
    await cluster.saveSnapshot(`${dir}/state.json`);
    const copy = await Cluster.open();
    await copy.loadSnapshot(`${dir}/state.json`);
    const same = isDeepStrictEqual(
      (await copy.store.dump()).objects,
      (await cluster.store.dump()).objects,
    );
    out(
      `   snapshot loaded into memory: every object identical, uid and resourceVersion kept: ${same}`,
    );
    await copy.close();

    step("8. Real pods: an agent runs them as processes, a Service's NodePort reaches them");
    await realPodsStep(out, dir);
  } finally {
    await cluster.close();
    await Deno.remove(dir, { recursive: true });
  }
}
