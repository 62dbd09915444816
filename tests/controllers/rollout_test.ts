import assert from "node:assert/strict";
import type { Deployment, IntOrString, Pod } from "../../lib/api/types.ts";
import { resolveFenceposts } from "../../lib/controllers/_rollout_util.ts";
import { makeDeployment } from "../_fixtures.ts";
import { type Harness, startHarness } from "./_harness.ts";

const HASH_LABEL = "pod-template-hash";

const isAvailable = (pod: Pod, minReadySeconds: number, now: number) => {
  const ready = pod.status?.conditions?.find((c) => c.type === "Ready" && c.status === "True");
  if (!ready) return false;
  return minReadySeconds === 0 ||
    Date.parse(ready.lastTransitionTime!) + minReadySeconds * 1000 < now;
};

/** Checks after every settle round that pods stay within bounds; returns the rounds' pod counts. */
function guard(
  h: Harness,
  bounds: { maxPods: number; minAvailable: number; minReadySeconds?: number },
) {
  const seen: string[] = [];
  const onRound = async () => {
    const pods = (await h.pods()).filter((p) => !p.metadata.deletionTimestamp);
    const available = pods.filter((p) =>
      isAvailable(p, bounds.minReadySeconds ?? 0, h.clock.now())
    );
    seen.push(`${pods.length}/${available.length}`);
    assert.ok(pods.length <= bounds.maxPods, `${pods.length} pods > ${bounds.maxPods}: ${seen}`);
    assert.ok(
      available.length >= bounds.minAvailable,
      `${available.length} available < ${bounds.minAvailable}: ${seen}`,
    );
  };
  return { onRound, seen };
}

function rolling(replicas: number, maxSurge: IntOrString, maxUnavailable: IntOrString): Deployment {
  return makeDeployment("web", {
    replicas,
    overrides: {
      spec: { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge, maxUnavailable } } },
    },
  });
}

const setImage =
  (image: string) => (d: Deployment) => (d.spec.template.spec.containers[0].image = image);

Deno.test("resolveFenceposts() rounds maxSurge up and maxUnavailable down", () => {
  const cases: [number, IntOrString, IntOrString, number, number][] = [
    [4, "25%", "25%", 1, 1],
    [10, "15%", "15%", 2, 1], // 1.5 → 2 and 1
    [1, "25%", "25%", 1, 0], // 0.25 → 1 and 0
    [3, 2, 0, 2, 0],
    [3, "0%", "10%", 0, 1], // both 0 → maxUnavailable 1
  ];
  for (const [replicas, surge, unavailable, wantSurge, wantUnavailable] of cases) {
    assert.deepEqual(resolveFenceposts(rolling(replicas, surge, unavailable)), {
      maxSurge: wantSurge,
      maxUnavailable: wantUnavailable,
    });
  }
});

Deno.test("a rolling update stays within replicas + maxSurge pods and replicas - maxUnavailable available", async (t) => {
  const cases: [number, IntOrString, IntOrString, number, number][] = [
    [4, "25%", "25%", 5, 3],
    [3, 1, 0, 4, 3],
    [3, 0, 1, 3, 2],
    [10, "15%", "15%", 12, 9],
    [5, "100%", 0, 10, 5],
  ];
  for (const [replicas, surge, unavailable, maxPods, minAvailable] of cases) {
    await t.step(
      `${replicas} replicas, maxSurge ${surge}, maxUnavailable ${unavailable}`,
      async () => {
        const h = startHarness();
        await h.create(rolling(replicas, surge, unavailable));
        await h.settle();
        await h.change("Deployment", "web", setImage("nginx:1.28"));
        const { onRound } = guard(h, { maxPods: maxPods, minAvailable });
        await h.settle({ onRound });
        assert.deepEqual(
          (await h.replicaSets()).map((rs) => [rs.metadata.name, rs.spec.replicas]),
          [
            ["web-777897c8d9", replicas],
            ["web-7fd845f59b", 0],
          ],
        );
        const pods = await h.pods();
        assert.equal(pods.length, replicas);
        assert.ok(pods.every((p) => p.metadata.labels?.[HASH_LABEL] === "777897c8d9"));
      },
    );
  }
});

Deno.test("a rolling update of 4 replicas at 25%/25% takes these steps", async () => {
  const h = startHarness();
  await h.create(rolling(4, "25%", "25%"));
  await h.settle();
  await h.change("Deployment", "web", setImage("nginx:1.28"));
  const { onRound, seen } = guard(h, { maxPods: 5, minAvailable: 3 });
  await h.settle({ onRound });
  // pods/available after each round: surge one, drop one old, wait for readiness, repeat.
  assert.deepEqual(seen, ["4/3", "5/4", "4/4", "5/4", "4/4", "5/4", "4/4", "4/4", "4/4", "4/4"]);
  assert.deepEqual((await h.events()).filter((e) => e.startsWith("ScalingReplicaSet")).slice(1), [
    "ScalingReplicaSet: Scaled up replica set web-777897c8d9 from 0 to 1",
    "ScalingReplicaSet: Scaled down replica set web-7fd845f59b from 4 to 3",
    "ScalingReplicaSet: Scaled up replica set web-777897c8d9 from 1 to 2",
    "ScalingReplicaSet: Scaled down replica set web-7fd845f59b from 3 to 2",
    "ScalingReplicaSet: Scaled up replica set web-777897c8d9 from 2 to 3",
    "ScalingReplicaSet: Scaled down replica set web-7fd845f59b from 2 to 1",
    "ScalingReplicaSet: Scaled up replica set web-777897c8d9 from 3 to 4",
    "ScalingReplicaSet: Scaled down replica set web-7fd845f59b from 1 to 0",
  ]);
  const d = await h.deployment();
  assert.equal(d.metadata.annotations?.["deployment.kubernetes.io/revision"], "2");
  assert.equal(d.status?.observedGeneration, 2);
});

Deno.test("a rolling update waits minReadySeconds on the clock before counting new pods available", async () => {
  const h = startHarness();
  await h.create(
    makeDeployment("web", {
      replicas: 3,
      overrides: {
        spec: {
          minReadySeconds: 5,
          strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        },
      },
    }),
  );
  await h.settle();
  h.clock.advance(6_000);
  await h.settle();
  await h.change("Deployment", "web", setImage("nginx:1.28"));
  const { onRound } = guard(h, { maxPods: 4, minAvailable: 3, minReadySeconds: 5 });
  const done = async () => {
    const pods = await h.pods();
    return pods.length === 3 && pods.every((p) => p.metadata.labels?.[HASH_LABEL] === "777897c8d9");
  };
  let steps = 0;
  do {
    await h.settle({ onRound });
    h.clock.advance(6_000);
    steps++;
    assert.ok(steps < 10, "the rollout did not finish");
  } while (!(await done()));
  // One new pod per step: each waits 5 seconds ready before an old one may go.
  assert.equal(steps, 4);
});

Deno.test("Recreate scales the old ReplicaSet to 0 and starts new pods only once the old are gone", async () => {
  const h = startHarness();
  await h.create(
    makeDeployment("web", { replicas: 3, overrides: { spec: { strategy: { type: "Recreate" } } } }),
  );
  await h.settle();
  await h.change("Deployment", "web", setImage("nginx:1.28"));
  await h.settle({
    onRound: async () => {
      const hashes = new Set((await h.pods()).map((p) => p.metadata.labels?.[HASH_LABEL]));
      assert.ok(hashes.size <= 1, `old and new pods together: ${[...hashes]}`);
    },
  });
  assert.deepEqual((await h.replicaSets()).map((rs) => [rs.metadata.name, rs.spec.replicas]), [
    ["web-777897c8d9", 3],
    ["web-7fd845f59b", 0],
  ]);
  assert.deepEqual((await h.events()).filter((e) => e.startsWith("ScalingReplicaSet")), [
    "ScalingReplicaSet: Scaled up replica set web-7fd845f59b from 0 to 3",
    "ScalingReplicaSet: Scaled down replica set web-7fd845f59b from 3 to 0",
    "ScalingReplicaSet: Scaled up replica set web-777897c8d9 from 0 to 3",
  ]);
});

Deno.test("old ReplicaSets beyond revisionHistoryLimit are deleted, lowest revision first", async () => {
  const h = startHarness();
  await h.create(
    makeDeployment("web", { replicas: 2, overrides: { spec: { revisionHistoryLimit: 2 } } }),
  );
  await h.settle();
  for (const image of ["nginx:1.28", "nginx:1.29", "nginx:1.30"]) {
    await h.change("Deployment", "web", setImage(image));
    await h.settle();
  }
  const revisions = (await h.replicaSets())
    .map((rs) => [rs.metadata.annotations?.["deployment.kubernetes.io/revision"], rs.spec.replicas])
    .sort();
  assert.deepEqual(revisions, [["2", 0], ["3", 0], ["4", 2]]);
  assert.equal((await h.pods()).length, 2);
});

Deno.test("a rolling update stuck on unready pods keeps the old pods and times out", async () => {
  const h = startHarness({
    mayBecomeReady: (pod) => pod.spec.containers[0].image !== "nginx:broken",
  });
  await h.create(rolling(4, "25%", "25%"));
  await h.settle();
  await h.change("Deployment", "web", setImage("nginx:broken"));
  const { onRound } = guard(h, { maxPods: 5, minAvailable: 3 });
  await h.settle({ onRound });
  assert.deepEqual((await h.replicaSets()).map((rs) => [rs.metadata.name, rs.spec.replicas]), [
    ["web-7b789cbbd5", 2],
    ["web-7fd845f59b", 3],
  ]);
  h.clock.advance(601_000);
  await h.settle({ onRound });
  const progressing = (await h.deployment()).status?.conditions?.find((c) =>
    c.type === "Progressing"
  );
  assert.equal(progressing?.reason, "ProgressDeadlineExceeded");
  assert.equal(progressing?.message, 'ReplicaSet "web-7b789cbbd5" has timed out progressing.');
});

Deno.test("two control planes rolling out one Deployment on one store keep within the bounds", async () => {
  const a = startHarness({ seed: 1 });
  const b = startHarness({ seed: 2, shared: { store: a.store, clock: a.clock } });
  await a.create(rolling(4, "25%", "25%"));
  await a.settle();
  await b.settle();
  await a.change("Deployment", "web", setImage("nginx:1.28"));
  const { onRound } = guard(a, { maxPods: 5, minAvailable: 3 });
  for (let round = 0; round < 40; round++) {
    await Promise.all([a.plane.settle({ maxRounds: 1 }), b.plane.settle({ maxRounds: 1 })]);
    await onRound();
  }
  assert.deepEqual((await a.replicaSets()).map((rs) => [rs.metadata.name, rs.spec.replicas]), [
    ["web-777897c8d9", 4],
    ["web-7fd845f59b", 0],
  ]);
  assert.equal((await a.pods()).length, 4);
});

Deno.test("scaling during a stuck rollout shares the new replicas in proportion (Kubernetes docs example)", async () => {
  const h = startHarness({
    mayBecomeReady: (pod) => pod.spec.containers[0].image !== "nginx:broken",
  });
  await h.create(rolling(10, 3, 2));
  await h.settle();
  await h.change("Deployment", "web", setImage("nginx:broken"));
  await h.settle();
  const sizes = async () =>
    (await h.replicaSets()).map((rs) => [rs.metadata.name, rs.spec.replicas]);
  assert.deepEqual(await sizes(), [["web-7b789cbbd5", 5], ["web-7fd845f59b", 8]]);
  await h.change("Deployment", "web", (d) => (d.spec.replicas = 15));
  await h.settle();
  // 5 more, shared by size: the old ReplicaSet gets round(8 * 18 / 13) - 8 = 3, the new one the rest.
  assert.deepEqual(await sizes(), [["web-7b789cbbd5", 7], ["web-7fd845f59b", 11]]);
  assert.deepEqual((await h.events()).filter((e) => e.startsWith("ScalingReplicaSet")).slice(-2), [
    "ScalingReplicaSet: Scaled up replica set web-7fd845f59b from 8 to 11",
    "ScalingReplicaSet: Scaled up replica set web-7b789cbbd5 from 5 to 7",
  ]);
});
