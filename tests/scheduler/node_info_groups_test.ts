import assert from "node:assert/strict";
import type { Pod } from "../../lib/api/types.ts";
import { NodeInfoCache } from "../../lib/scheduler/mod.ts";
import { countable, podOfFacts } from "../../lib/scheduler/_pod_facts.ts";
import { MemoryStore } from "../../lib/store/memory.ts";
import { POD_FACTS } from "../../lib/store/pod_facts.ts";
import { SqliteStore } from "../../lib/store/sqlite.ts";
import { makeNode, makePod } from "../_fixtures.ts";

/** A pod of template `web` as the store keeps it: bound to `node`, written at `revision`. */
function stored(name: string, node: string, revision: number, cpu = "500m"): Pod {
  return makePod("web", {
    cpu,
    nodeName: node,
    overrides: {
      metadata: { name, resourceVersion: String(revision) },
      status: { phase: "Running" },
    },
  });
}

/** Requested CPU and pod count of a node. */
function usage(cache: NodeInfoCache, node: string): [number, number] {
  const info = cache.get(node)!;
  return [info.requestedMilliCPU, info.podCount];
}

Deno.test("NodeInfoCache.addPodGroup() counts pods known by their facts alone", () => {
  const cache = new NodeInfoCache();
  cache.addNode(makeNode("n"));
  cache.addPodGroup(stored("any", "n", 1), 3, 10);
  cache.addPodGroup(stored("any", "n", 1, "1"), 1, 10);
  cache.addPodGroup(makePod("unbound", { cpu: "1" }), 5, 10);
  assert.deepEqual(usage(cache, "n"), [3 * 500 + 1000, 4]);
  assert.equal(cache.hasGroups, true);
});

Deno.test("NodeInfoCache ignores changes its groups already count, and takes a pod out at its first later change", () => {
  const cache = new NodeInfoCache();
  cache.addNode(makeNode("n"));
  cache.addPodGroup(stored("any", "n", 1), 3, 10);
  // a change at revision 8 is in the count made at revision 10
  cache.addPod(stored("web-1", "n", 8));
  assert.deepEqual(usage(cache, "n"), [1500, 3]);
  // web-1 finishes at revision 11: it leaves its group and frees its CPU
  const done = stored("web-1", "n", 11);
  done.status = { phase: "Succeeded" };
  cache.addPod(done, stored("web-1", "n", 8));
  assert.deepEqual(usage(cache, "n"), [1000, 2]);
  // web-2 is deleted at revision 12, as it was when counted
  cache.removePod(stored("web-2", "n", 12));
  assert.deepEqual(usage(cache, "n"), [500, 1]);
  // web-3 changes twice after the count: it leaves its group once
  cache.addPod(stored("web-3", "n", 13), stored("web-3", "n", 9));
  cache.addPod(stored("web-3", "n", 14), stored("web-3", "n", 13));
  assert.deepEqual(usage(cache, "n"), [500, 1]);
  assert.equal(cache.hasGroups, false);
  cache.removePod(stored("web-3", "n", 15));
  assert.deepEqual(usage(cache, "n"), [0, 0]);
});

Deno.test("NodeInfoCache counts a new pod bound after the count once", () => {
  const cache = new NodeInfoCache();
  cache.addNode(makeNode("n"));
  cache.addPodGroup(stored("any", "n", 1), 2, 10);
  const pending = makePod("web", {
    cpu: "1",
    overrides: { metadata: { name: "new", resourceVersion: "11" } },
  });
  cache.assume(pending, "n");
  cache.addPod(stored("new", "n", 12, "1"), pending);
  assert.deepEqual(usage(cache, "n"), [2000, 3]);
});

Deno.test("pods counted from the store's tally of POD_FACTS leave their groups when they change", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-facts-" });
  const sidecar = { name: "log", image: "busybox", resources: { requests: { cpu: "50m" } } };
  const pods = [
    stored("a", "n", 1),
    stored("b", "n", 2),
    {
      ...stored("c", "n", 3),
      spec: {
        ...stored("c", "n", 3).spec,
        containers: [...stored("c", "n", 3).spec.containers, sidecar],
      },
    },
  ];
  try {
    for (const store of [new MemoryStore(), SqliteStore.open(`${dir}/kclone.db`)]) {
      const written: Pod[] = [];
      for (const pod of pods) {
        const { resourceVersion: _, ...metadata } = pod.metadata;
        written.push(await store.create({ ...pod, metadata }));
      }
      const { groups, resourceVersion } = await store.tally("Pod", [...POD_FACTS]);
      const cache = new NodeInfoCache();
      cache.addNode(makeNode("n"));
      for (const { values, count } of groups) {
        assert.equal(countable(values), true);
        cache.addPodGroup(podOfFacts(values), count, Number(resourceVersion));
      }
      assert.deepEqual(usage(cache, "n"), [500 + 500 + 550, 3]);
      const [a, b, c] = written;
      await store.update({ ...a, status: { phase: "Succeeded" } });
      await store.delete("Pod", "default", b.metadata.name!);
      await store.delete("Pod", "default", c.metadata.name!);
      // The events a control plane sees: the state before each modification with it.
      for (
        const change of (await store.changes(Number(resourceVersion), { previous: true })).changes
      ) {
        const pod = change.object as Pod;
        if (change.type === "DELETED") cache.removePod(pod);
        else cache.addPod(pod, change.previous as Pod | undefined);
      }
      assert.deepEqual(usage(cache, "n"), [0, 0]);
      await store.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("pods with a third container or pod affinity are not counted by their facts", async () => {
  const store = new MemoryStore();
  const base = makePod("web", { cpu: "1", nodeName: "n" });
  const container = (name: string) => ({ name, image: "busybox" });
  await store.create({
    ...base,
    metadata: { ...base.metadata, name: "three" },
    spec: { ...base.spec, containers: [container("a"), container("b"), container("c")] },
  });
  await store.create({
    ...base,
    metadata: { ...base.metadata, name: "near" },
    spec: {
      ...base.spec,
      affinity: {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{
            labelSelector: { matchLabels: { app: "db" } },
            topologyKey: "kubernetes.io/hostname",
          }],
        },
      },
    },
  });
  await store.create({ ...base, metadata: { ...base.metadata, name: "plain" } });
  const { groups } = await store.tally("Pod", [...POD_FACTS]);
  assert.deepEqual(groups.map((g) => countable(g.values)).sort(), [false, false, true]);
});
