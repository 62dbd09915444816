import assert from "node:assert/strict";
import { FakeClock } from "../../lib/api/clock.ts";
import type { Service } from "../../lib/api/types.ts";
import type { Cluster } from "../../lib/cluster/cluster.ts";
import { podObject } from "../../lib/cli/original/pod_object.ts";
import { Commands, podLines } from "./_commands.ts";
import { deployment, node } from "./_scenario.ts";

function service(name: string, selector: Record<string, string>): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name },
    spec: { selector, ports: [{ port: 80, targetPort: 80 }] },
  };
}

/** What a user sees after a command: pods, endpoints and node readiness. */
async function seen(cluster: Cluster): Promise<string[]> {
  const endpoints = (await cluster.list("Endpoints")).map((e) =>
    `endpoints/${e.metadata.name} ${
      (e.subsets ?? []).flatMap((s) => s.addresses ?? []).map((a) => a.ip).sort().join(",")
    }`
  );
  const nodes = (await cluster.list("Node")).map((n) =>
    `node/${n.metadata.name} ${n.status?.conditions?.find((c) => c.type === "Ready")?.status}`
  );
  return [...podLines(await cluster.list("Pod")), ...endpoints.sort(), ...nodes.sort()];
}

/** The commands of the scenario, each with what the user sees after it and the pods it read. */
async function scenario(options: { listEverything: boolean }) {
  const dir = await Deno.makeTempDir({ prefix: "kclone-commands-" });
  const clock = new FakeClock();
  const commands = new Commands(`${dir}/kclone.db`, clock, options);
  const steps: { seen: string[]; podsRead: number }[] = [];
  const step = async (work?: (cluster: Cluster) => Promise<unknown>) => {
    await commands.run(work);
    const podsRead = commands.podsRead;
    steps.push({ seen: await commands.run(seen), podsRead });
  };
  const pod = (name: string, cpu: string) =>
    podObject(name, "nginx", { cpu, labels: { run: name } });
  try {
    await step((c) =>
      c.apply([
        node("node-a", { cpu: "2" }),
        node("node-b", { cpu: "2" }),
        deployment("web", { replicas: 6, cpu: "500m" }),
        service("web", { app: "web" }),
        service("solo", { run: "solo" }),
      ])
    );
    await step((c) => c.create(pod("solo", "300m")));
    await step((c) => c.create(pod("big", "2")));
    await step((c) => c.apply(node("node-c", { cpu: "4" })));
    await step((c) => c.delete("Pod", "solo"));
    await step((c) => c.create(pod("solo", "300m")));
    await step((c) => c.apply(deployment("web", { replicas: 8, cpu: "500m" })));
    clock.advance(15_000);
    await step();
    return steps;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("commands that resume from the last settle leave the cluster as commands that list everything", async () => {
  const resumed = await scenario({ listEverything: false });
  const listed = await scenario({ listEverything: true });
  assert.deepEqual(resumed.map((s) => s.seen), listed.map((s) => s.seen));
  // The user's view, step by step (pods of the ReplicaSet shown by node).
  assert.deepEqual(resumed[2].seen.filter((l) => l.startsWith("big")), [
    "big - Pending - - 0/2 nodes are available: 2 Insufficient cpu.",
  ]);
  assert.deepEqual(resumed[3].seen.filter((l) => l.startsWith("big")), [
    "big node-c Running 10.244.2.2 True",
  ]);
  assert.deepEqual(resumed[5].seen.filter((l) => /^(solo|endpoints\/solo)/.test(l)), [
    "solo node-b Running 10.244.1.4 True",
    "endpoints/solo 10.244.1.4",
  ]);
  assert.equal(
    resumed[6].seen.filter((l) => l.startsWith("web-") && l.includes("Running")).length,
    8,
  );
});

Deno.test("a command reads only the pods its change touches once a settle has left a checkpoint", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-reads-" });
  const clock = new FakeClock();
  const commands = new Commands(`${dir}/kclone.db`, clock);
  const reads: Record<string, number> = {};
  try {
    await commands.run((c) =>
      c.apply([
        node("node-a", { cpu: "2" }),
        node("node-b", { cpu: "2" }),
        deployment("web", { replicas: 20, cpu: "100m" }),
      ])
    );
    await commands.run((c) => c.create(podObject("solo", "nginx", { cpu: "300m" })));
    reads["pod-create"] = commands.podsRead;
    const solo = await commands.run((c) => c.get("Pod", "solo"));
    clock.advance(15_000);
    await commands.run();
    reads["heartbeats"] = commands.podsRead;
    await commands.run((c) => c.delete("Pod", "solo"));
    reads["pod-delete"] = commands.podsRead;
    assert.equal(solo?.spec.nodeName, "node-b", "bin-packing: node-a is full with 20 × 100m");
    assert.deepEqual(reads, {
      // the pods bound to no node (solo itself), then the pods of node-b, where it landed
      "pod-create": 1 + 1,
      heartbeats: 0,
      // a deletion may leave dependents behind: the garbage collector looks at every pod
      "pod-delete": 20,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a node failure across short-lived commands: NotReady after 40 s, pods replaced elsewhere after 300 s", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-failure-" });
  const clock = new FakeClock();
  const commands = new Commands(`${dir}/kclone.db`, clock);
  // A command that settles, then one that looks (and finds nothing more to do).
  const look = async <T>(read: (c: Cluster) => Promise<T>) => {
    await commands.run();
    return await commands.run(read);
  };
  const ready = (c: Cluster) =>
    c.get("Node", "node-a").then((n) =>
      n?.status?.conditions?.find((c) => c.type === "Ready")?.status
    );
  const placed = (c: Cluster) =>
    c.list("Pod").then((pods) => pods.map((p) => p.spec.nodeName ?? "-").sort().join(" "));
  try {
    await commands.run((c) =>
      c.apply([node("node-a"), node("node-b"), deployment("web", { replicas: 3, cpu: "1" })])
    );
    assert.equal(await look(placed), "node-a node-a node-a");
    await commands.run(async (c) => {
      const victim = (await c.get("Node", "node-a"))!;
      const annotations = { "kclone.dev/kubelet": "stopped" };
      await c.update({ ...victim, metadata: { ...victim.metadata, annotations } });
    });
    clock.advance(39_000);
    assert.equal(await look(ready), "True");
    clock.advance(1_000);
    assert.equal(await look(ready), "Unknown");
    clock.advance(299_000);
    assert.equal(await look(placed), "node-a node-a node-a", "not evicted before 300 s");
    clock.advance(1_000);
    assert.equal(await look(placed), "node-b node-b node-b");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("pod anti-affinity holds across commands that resume from the last settle", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-affinity-" });
  const commands = new Commands(`${dir}/kclone.db`, new FakeClock());
  const apart = {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{
        labelSelector: { matchLabels: { tier: "front" } },
        topologyKey: "kubernetes.io/hostname",
      }],
    },
  };
  const web = deployment("web", { replicas: 2, cpu: "100m", podSpec: { affinity: apart } });
  web.spec.template.metadata!.labels = { app: "web", tier: "front" };
  const front = (name: string, affinity?: typeof apart) => {
    const pod = podObject(name, "nginx", { cpu: "100m", labels: { tier: "front" } });
    return affinity ? { ...pod, spec: { ...pod.spec, affinity } } : pod;
  };
  const placed = (c: Cluster) =>
    c.list("Pod").then((pods) =>
      pods.map((p) =>
        `${p.metadata.name!.startsWith("web-") ? "web" : p.metadata.name} ${p.spec.nodeName}`
      )
        .sort()
    );
  try {
    await commands.run((c) => c.apply([node("node-a"), node("node-b"), node("node-c"), web]));
    // The pods of web repel a pod they select, though it has no affinity of its own.
    await commands.run((c) => c.create(front("plain")));
    // A pod with anti-affinity of its own finds no node left.
    await commands.run((c) => c.create(front("picky", apart)));
    assert.deepEqual(await commands.run(placed), [
      "picky undefined",
      "plain node-c",
      "web node-a",
      "web node-b",
    ]);
    const picky = await commands.run((c) => c.get("Pod", "picky"));
    assert.equal(
      picky?.status?.conditions?.find((c) => c.type === "PodScheduled")?.message,
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("explaining a pod after a command that resumed gives the explanation of a full settle", async () => {
  const explain = async (listEverything: boolean) => {
    const dir = await Deno.makeTempDir({ prefix: "kclone-explain-" });
    const commands = new Commands(`${dir}/kclone.db`, new FakeClock(), { listEverything });
    try {
      await commands.run((c) =>
        c.apply([node("node-a"), node("node-b"), deployment("web", { replicas: 4, cpu: "500m" })])
      );
      let why = "";
      await commands.run(
        (c) => c.create(podObject("solo", "nginx", { cpu: "100m" })),
        async (c) => {
          const web = (await c.list("Pod")).map((p) => p.metadata.name!).filter((n) => n !== "solo")
            .sort()[0];
          const { chosen, scores } = await c.explain(web);
          why = `${chosen} ${JSON.stringify(scores)}`;
        },
      );
      return why;
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  };
  assert.equal(await explain(false), await explain(true));
});

Deno.test("a pod Pending for pod (anti-)affinity is tried again when another pod is bound or relabelled, across commands", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-affinity-retry-" });
  const commands = new Commands(`${dir}/kclone.db`, new FakeClock());
  const term = {
    labelSelector: { matchLabels: { app: "x" } },
    topologyKey: "kubernetes.io/hostname",
  };
  const withAffinity = (name: string, affinity: Record<string, unknown>) => {
    const pod = podObject(name, "nginx", { cpu: "100m" });
    return { ...pod, spec: { ...pod.spec, affinity } };
  };
  const labelled = (name: string, app: string) =>
    podObject(name, "nginx", { cpu: "100m", labels: { app } });
  const nodeOf = (name: string) => (c: Cluster) => c.get("Pod", name).then((p) => p?.spec.nodeName);
  try {
    await commands.run((c) => c.apply(node("n1")));
    // Anti-affinity: Pending beside a pod labelled app=x, placed once that pod is relabelled.
    await commands.run((c) => c.create(labelled("b", "x")));
    await commands.run((c) =>
      c.create(
        withAffinity("anti", {
          podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] },
        }),
      )
    );
    assert.equal(await commands.run(nodeOf("anti")), undefined);
    await commands.run(async (c) => {
      const b = (await c.get("Pod", "b"))!;
      await c.update({ ...b, metadata: { ...b.metadata, labels: { app: "y" } } });
    });
    assert.equal(await commands.run(nodeOf("anti")), "n1");
    // Affinity: Pending until a pod labelled app=x is bound somewhere (anti is gone: it would
    // keep such a pod off n1).
    await commands.run((c) => c.delete("Pod", "anti"));
    await commands.run((c) =>
      c.create(
        withAffinity("near", {
          podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] },
        }),
      )
    );
    assert.equal(await commands.run(nodeOf("near")), undefined);
    await commands.run((c) => c.create(labelled("c", "x")));
    assert.equal(await commands.run(nodeOf("near")), "n1");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
