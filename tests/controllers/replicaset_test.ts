import assert from "node:assert/strict";
import { ConflictError } from "../../lib/api/errors.ts";
import type { Pod } from "../../lib/api/types.ts";
import { ClusterCache } from "../../lib/controllers/cluster_cache.ts";
import { EventRecorder } from "../../lib/controllers/event_recorder.ts";
import { replicaSetController } from "../../lib/controllers/replicaset.ts";
import {
  POD_DELETION_COST_ANNOTATION,
  podsToDelete,
} from "../../lib/controllers/_replicaset_victims.ts";
import { type DeepPartial, makePod, makeReplicaSet, merge } from "../_fixtures.ts";
import { startHarness } from "./_harness.ts";

const NAME = /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/;
const ready = (since: string) => ({
  phase: "Running" as const,
  conditions: [{ type: "Ready", status: "True" as const, lastTransitionTime: since }],
});
const names = (pods: Pod[]) => pods.map((p) => p.metadata.name).sort();

Deno.test("replicaset controller creates pods from the template, owned by the ReplicaSet", async () => {
  const h = startHarness({ binder: false });
  const rs = await h.create(makeReplicaSet("web", { replicas: 3 }));
  await h.settle();
  const pods = await h.pods();
  assert.equal(pods.length, 3);
  for (const pod of pods) {
    assert.match(pod.metadata.name!, NAME);
    assert.equal(pod.metadata.generateName, "web-");
    assert.equal(pod.metadata.namespace, "default");
    assert.deepEqual(pod.metadata.labels, { app: "web" });
    assert.deepEqual(pod.metadata.ownerReferences, [{
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      name: "web",
      uid: rs.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    }]);
    assert.equal(pod.spec.containers[0].image, "nginx:1.27");
    assert.equal(pod.status?.phase, "Pending");
  }
  const events = await h.events();
  assert.equal(events.length, 3);
  for (const event of events) {
    assert.match(event, /^SuccessfulCreate: Created pod: web-[a-z0-9]{5}$/);
  }
});

Deno.test("replicaset controller adopts orphans and scales 3 → 1 → 5, deleting unscheduled, pending, not-ready, then newest-ready pods first", async () => {
  const h = startHarness({ binder: false });
  const pod = (name: string, created: string, overrides: Partial<Pod>) =>
    makePod(name, {
      labels: { app: "web" },
      overrides: { metadata: { creationTimestamp: `2026-01-01T00:00:${created}Z` }, ...overrides },
    });
  for (
    const p of [
      pod("web-unscheduled", "05", { status: { phase: "Pending" } }),
      pod("web-pending", "04", {
        spec: { containers: [], nodeName: "node-1" },
        status: { phase: "Pending" },
      }),
      pod("web-not-ready", "03", {
        spec: { containers: [], nodeName: "node-1" },
        status: { phase: "Running" },
      }),
      pod("web-ready-new", "02", {
        spec: { containers: [], nodeName: "node-1" },
        status: ready("2026-01-01T00:00:20Z"),
      }),
      pod("web-ready-old", "01", {
        spec: { containers: [], nodeName: "node-1" },
        status: ready("2026-01-01T00:00:10Z"),
      }),
    ]
  ) await h.store.create(p);
  await h.create(makeReplicaSet("web", { replicas: 3 }));
  await h.settle();
  assert.deepEqual(names(await h.pods()), ["web-not-ready", "web-ready-new", "web-ready-old"]);

  await h.change("ReplicaSet", "web", (rs) => (rs.spec.replicas = 1));
  await h.settle();
  const [adopted] = await h.pods();
  assert.equal(adopted.metadata.name, "web-ready-old");
  assert.equal(adopted.metadata.ownerReferences?.[0].name, "web"); // the orphan was adopted

  await h.change("ReplicaSet", "web", (rs) => (rs.spec.replicas = 5));
  await h.settle();
  const pods = await h.pods();
  assert.equal(pods.length, 5);
  assert.equal(pods.filter((p) => NAME.test(p.metadata.name!)).length, 4);
  assert.deepEqual((await h.events()).slice(0, 4), [
    "SuccessfulDelete: Deleted pod: web-unscheduled",
    "SuccessfulDelete: Deleted pod: web-pending",
    "SuccessfulDelete: Deleted pod: web-not-ready",
    "SuccessfulDelete: Deleted pod: web-ready-new",
  ]);
});

Deno.test("replicaset controller does not count Succeeded, Failed or deleting pods, and replaces them", async () => {
  const h = startHarness({ binder: false });
  await h.create(makeReplicaSet("web", { replicas: 3 }));
  await h.settle();
  const [failed, succeeded, deleting] = await h.pods();
  await h.store.update({ ...failed, status: { phase: "Failed" } });
  await h.store.update({ ...succeeded, status: { phase: "Succeeded" } });
  await h.store.update({
    ...deleting,
    metadata: { ...deleting.metadata, deletionTimestamp: "2026-01-01T00:00:00Z" },
  });
  await h.settle();
  assert.equal((await h.pods()).length, 6);
  const rs = (await h.replicaSets())[0];
  assert.deepEqual(rs.status, { replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
});

Deno.test("replicaset controller never touches a pod controlled by another controller", async () => {
  const h = startHarness({ binder: false });
  const foreign = makePod("foreign", {
    labels: { app: "web" },
    overrides: {
      metadata: {
        ownerReferences: [{
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          name: "other",
          uid: "u-1",
          controller: true,
        }],
      },
    },
  });
  await h.store.create(foreign);
  await h.create(makeReplicaSet("web", { replicas: 1 }));
  await h.settle();
  const pods = await h.pods();
  assert.equal(pods.length, 2);
  const kept = pods.find((p) => p.metadata.name === "foreign")!;
  assert.deepEqual(kept.metadata.ownerReferences, foreign.metadata.ownerReferences);
});

Deno.test("replicaset controller releases a pod whose labels stop matching and replaces it", async () => {
  const h = startHarness({ binder: false });
  await h.create(makeReplicaSet("web", { replicas: 1 }));
  await h.settle();
  const [pod] = await h.pods();
  await h.store.update({ ...pod, metadata: { ...pod.metadata, labels: { app: "debug" } } });
  await h.settle();
  const pods = await h.pods();
  assert.equal(pods.length, 2);
  const released = pods.find((p) => p.metadata.name === pod.metadata.name)!;
  assert.equal(released.metadata.ownerReferences, undefined);
});

Deno.test("replicaset status counts ready pods as available only after minReadySeconds", async () => {
  const h = startHarness();
  await h.create(
    makeReplicaSet("web", { replicas: 2, overrides: { spec: { minReadySeconds: 10 } } }),
  );
  await h.settle();
  let rs = (await h.replicaSets())[0];
  assert.deepEqual(rs.status, {
    replicas: 2,
    fullyLabeledReplicas: 2,
    readyReplicas: 2,
    observedGeneration: 1,
  });
  assert.equal(h.plane.nextDue(), h.clock.now() + 10_001);
  h.clock.advance(10_001);
  await h.settle();
  rs = (await h.replicaSets())[0];
  assert.deepEqual(rs.status, {
    replicas: 2,
    fullyLabeledReplicas: 2,
    readyReplicas: 2,
    availableReplicas: 2,
    observedGeneration: 1,
  });
});

Deno.test("a replicaset sync on a stale cache conflicts instead of creating the pods again", async () => {
  const h = startHarness({ binder: false });
  await h.create(makeReplicaSet("web", { replicas: 3 }));
  const stale = new ClusterCache(h.store);
  await stale.sync(); // sees the ReplicaSet and no pods
  await h.settle(); // the other reconciler creates the 3 pods
  const context = {
    store: h.store,
    cache: stale,
    clock: h.clock,
    events: new EventRecorder(h.store, h.clock),
  };
  await assert.rejects(replicaSetController.reconcile("default/web", context), ConflictError);
  assert.equal((await h.pods()).length, 3);
});

Deno.test("two control planes racing on one store never make more or fewer pods than asked", async () => {
  const a = startHarness({ seed: 1 });
  const b = startHarness({ seed: 2, shared: { store: a.store, clock: a.clock } });
  const race = async (low: number, high: number) => {
    const conflicts: string[] = [];
    for (let round = 0; round < 30; round++) {
      const results = await Promise.all([
        a.plane.settle({ maxRounds: 1 }),
        b.plane.settle({ maxRounds: 1 }),
      ]);
      conflicts.push(...results.flatMap((r) => r.errors));
      const count = (await a.pods()).length;
      assert.ok(count >= low && count <= high, `${count} pods after round ${round + 1}`);
    }
    return conflicts;
  };
  await a.create(makeReplicaSet("web", { replicas: 5 }));
  const raced = await race(0, 5);
  assert.equal((await a.pods()).length, 5);
  assert.ok(raced.some((e) => e.startsWith("replicaset-controller default/web: Operation cannot")));
  await a.change("ReplicaSet", "web", (rs) => (rs.spec.replicas = 2));
  await race(2, 5);
  assert.equal((await a.pods()).length, 2);
});

const at = (second: number) => `2026-01-01T00:00:${String(second).padStart(2, "0")}Z`;
const victim = (name: string, overrides: DeepPartial<Pod> = {}) =>
  makePod(name, {
    nodeName: "node-1",
    overrides: merge<DeepPartial<Pod>>(
      { metadata: { creationTimestamp: at(1) }, status: ready(at(1)) },
      overrides,
    ),
  });

Deno.test("podsToDelete() ranks pods as Kubernetes' ActivePodsWithRanks does", async (t) => {
  const cases: [string, Pod, Pod, Pod[]?][] = [
    ["unscheduled before scheduled", victim("a", { spec: { nodeName: "" } }), victim("b")],
    ["Pending before Running", victim("a", { status: { phase: "Pending" } }), victim("b")],
    ["Unknown before Running", victim("a", { status: { phase: "Unknown" } }), victim("b")],
    ["not ready before ready", victim("a", { status: { conditions: [] } }), victim("b")],
    [
      "lower pod-deletion-cost first",
      victim("b", { metadata: { annotations: { [POD_DELETION_COST_ANNOTATION]: "-5" } } }),
      victim("a"),
    ],
    [
      "more pods of the owner on its node first",
      victim("b"),
      victim("a", { spec: { nodeName: "node-2" } }),
      [victim("c")],
    ],
    ["ready more recently first", victim("b", { status: ready(at(9)) }), victim("a")],
    [
      "more restarts first",
      victim("b", {
        status: { containerStatuses: [{ name: "c", ready: true, restartCount: 2, image: "i" }] },
      }),
      victim("a"),
    ],
    [
      "created more recently first",
      victim("b", { metadata: { creationTimestamp: at(9) } }),
      victim("a"),
    ],
    ["then by name", victim("a"), victim("b")],
  ];
  for (const [rule, first, second, others = []] of cases) {
    await t.step(rule, () => {
      const pods = [second, first];
      const chosen = podsToDelete(pods, [...pods, ...others], 1);
      assert.deepEqual(chosen.map((p) => p.metadata.name), [first.metadata.name]);
    });
  }
});
