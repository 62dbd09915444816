import assert from "node:assert/strict";
import type { AnyObject, PodTemplateSpec } from "../../lib/api/types.ts";
import { ClusterCache } from "../../lib/controllers/cluster_cache.ts";
import { deploymentController } from "../../lib/controllers/deployment.ts";
import { replicaSetController } from "../../lib/controllers/replicaset.ts";
import {
  equalIgnoreHash,
  podTemplateHash,
  safeEncodeString,
} from "../../lib/controllers/_pod_template_hash.ts";
import { makeDeployment, makePod, makeReplicaSet } from "../_fixtures.ts";
import { startHarness } from "./_harness.ts";

const T0 = "2026-01-01T00:00:00Z";
const template = (image = "nginx:1.27"): PodTemplateSpec => ({
  metadata: { labels: { app: "web" } },
  spec: { containers: [{ name: "web", image }] },
});

Deno.test("safeEncodeString() maps characters onto bcdfghjklmnpqrstvwxz2456789 by code modulo 27", () => {
  // '0' is 48, 48 % 27 = 21 → '4'; '6' is 54, 54 % 27 = 0 → 'b'; '9' is 57, 57 % 27 = 3 → 'f'.
  assert.equal(safeEncodeString("0123456789"), "456789bcdf");
});

Deno.test("podTemplateHash() is FNV-1a of the template's canonical JSON, collision count mixed in", () => {
  // Checked against an independent FNV-1a (Python) over
  // {"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"web"}]}}
  // = 2748304581, then with the 8 bytes 01 00 00 00 00 00 00 00 = 84549956.
  assert.equal(podTemplateHash(template()), "6c8d7489d5");
  assert.equal(podTemplateHash(template(), 1), "d898ff9b");
  const reordered: PodTemplateSpec = {
    spec: { containers: [{ image: "nginx:1.27", name: "web" }] },
    metadata: { labels: { app: "web" } },
  };
  assert.equal(podTemplateHash(reordered), "6c8d7489d5");
  assert.notEqual(podTemplateHash(template("nginx:1.28")), "6c8d7489d5");
});

Deno.test("equalIgnoreHash() compares templates but for the pod-template-hash label", () => {
  const hashed = template();
  hashed.metadata!.labels!["pod-template-hash"] = "6c8d7489d5";
  assert.equal(equalIgnoreHash(hashed, template()), true);
  assert.equal(
    equalIgnoreHash({ ...template(), metadata: {} }, { ...template(), metadata: { labels: {} } }),
    true,
  );
  assert.equal(equalIgnoreHash(hashed, template("nginx:1.28")), false);
});

Deno.test("a Deployment owns a ReplicaSet web-<hash> that owns pods labelled with the hash", async () => {
  const h = startHarness();
  const d = await h.create(makeDeployment("web", { replicas: 3 }));
  await h.settle();
  const [rs] = await h.replicaSets();
  assert.equal(rs.metadata.name, "web-7fd845f59b");
  assert.deepEqual(rs.metadata.labels, { app: "web", "pod-template-hash": "7fd845f59b" });
  assert.deepEqual(rs.metadata.ownerReferences, [{
    apiVersion: "apps/v1",
    kind: "Deployment",
    name: "web",
    uid: d.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  }]);
  assert.deepEqual(rs.metadata.annotations, {
    "deployment.kubernetes.io/revision": "1",
    "deployment.kubernetes.io/desired-replicas": "3",
    "deployment.kubernetes.io/max-replicas": "4",
  });
  assert.deepEqual(rs.spec.selector, {
    matchLabels: { app: "web", "pod-template-hash": "7fd845f59b" },
  });
  assert.equal(rs.spec.replicas, 3);
  const pods = await h.pods();
  assert.equal(pods.length, 3);
  for (const pod of pods) {
    assert.match(pod.metadata.name!, /^web-7fd845f59b-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.deepEqual(pod.metadata.labels, { app: "web", "pod-template-hash": "7fd845f59b" });
    assert.equal(pod.metadata.ownerReferences?.[0].name, "web-7fd845f59b");
  }
  const stored = await h.deployment();
  assert.equal(stored.metadata.annotations?.["deployment.kubernetes.io/revision"], "1");
  const events = await h.events();
  assert.equal(events[0], "ScalingReplicaSet: Scaled up replica set web-7fd845f59b from 0 to 3");
  assert.deepEqual(
    events.slice(1).sort(),
    pods.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort(),
  );
});

Deno.test("a settled Deployment reports its status and conditions as Kubernetes does", async () => {
  const h = startHarness();
  await h.create(makeDeployment("web", { replicas: 3 }));
  await h.settle();
  assert.deepEqual((await h.deployment()).status, {
    observedGeneration: 1,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    conditions: [
      {
        type: "Available",
        status: "True",
        lastUpdateTime: T0,
        lastTransitionTime: T0,
        reason: "MinimumReplicasAvailable",
        message: "Deployment has minimum availability.",
      },
      {
        type: "Progressing",
        status: "True",
        lastUpdateTime: T0,
        lastTransitionTime: T0,
        reason: "NewReplicaSetAvailable",
        message: 'ReplicaSet "web-7fd845f59b" has successfully progressed.',
      },
    ],
  });
  const [rs] = await h.replicaSets();
  assert.deepEqual(rs.status, {
    replicas: 3,
    fullyLabeledReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    observedGeneration: 1,
  });
});

Deno.test("a Deployment whose pods never become ready is unavailable and times out progressing", async () => {
  const h = startHarness({ mayBecomeReady: () => false });
  await h.create(makeDeployment("web", { replicas: 3 }));
  await h.settle();
  const conditions = () =>
    h.deployment().then((d) =>
      d.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])
    );
  assert.deepEqual(await conditions(), [
    [
      "Available",
      "False",
      "MinimumReplicasUnavailable",
      "Deployment does not have minimum availability.",
    ],
    ["Progressing", "True", "ReplicaSetUpdated", 'ReplicaSet "web-7fd845f59b" is progressing.'],
  ]);
  assert.equal((await h.deployment()).status?.unavailableReplicas, 3);
  h.clock.advance(601_000);
  await h.settle();
  assert.deepEqual((await conditions())?.[1], [
    "Progressing",
    "False",
    "ProgressDeadlineExceeded",
    'ReplicaSet "web-7fd845f59b" has timed out progressing.',
  ]);
});

Deno.test("scaling a Deployment scales its ReplicaSet and says so in ScalingReplicaSet events", async () => {
  const h = startHarness();
  await h.create(makeDeployment("web", { replicas: 3 }));
  await h.settle();
  await h.change("Deployment", "web", (d) => (d.spec.replicas = 5));
  await h.settle();
  assert.equal((await h.pods()).length, 5);
  await h.change("Deployment", "web", (d) => (d.spec.replicas = 2));
  await h.settle();
  assert.equal((await h.pods()).length, 2);
  const [rs] = await h.replicaSets();
  assert.equal(rs.metadata.annotations?.["deployment.kubernetes.io/desired-replicas"], "2");
  assert.equal(rs.metadata.annotations?.["deployment.kubernetes.io/max-replicas"], "3");
  assert.deepEqual((await h.events()).filter((e) => e.startsWith("ScalingReplicaSet")), [
    "ScalingReplicaSet: Scaled up replica set web-7fd845f59b from 0 to 3",
    "ScalingReplicaSet: Scaled up replica set web-7fd845f59b from 3 to 5",
    "ScalingReplicaSet: Scaled down replica set web-7fd845f59b from 5 to 2",
  ]);
});

Deno.test("a paused Deployment scales but does not roll out a new template until resumed", async () => {
  const h = startHarness();
  await h.create(makeDeployment("web", { replicas: 3 }));
  await h.settle();
  await h.change("Deployment", "web", (d) => {
    d.spec.paused = true;
    d.spec.template.spec.containers[0].image = "nginx:1.28";
    d.spec.replicas = 4;
  });
  await h.settle();
  assert.deepEqual((await h.replicaSets()).map((rs) => [rs.metadata.name, rs.spec.replicas]), [
    ["web-7fd845f59b", 4],
  ]);
  const progressing = async () =>
    (await h.deployment()).status?.conditions?.find((c) => c.type === "Progressing");
  assert.deepEqual(
    [(await progressing())?.status, (await progressing())?.reason, (await progressing())?.message],
    ["Unknown", "DeploymentPaused", "Deployment is paused"],
  );
  await h.change("Deployment", "web", (d) => (d.spec.paused = false));
  await h.settle();
  assert.deepEqual((await h.replicaSets()).map((rs) => [rs.metadata.name, rs.spec.replicas]), [
    ["web-777897c8d9", 4],
    ["web-7fd845f59b", 0],
  ]);
  assert.equal((await progressing())?.reason, "NewReplicaSetAvailable");
});

Deno.test("a ReplicaSet name taken by another template bumps collisionCount and changes the hash", async () => {
  const h = startHarness();
  await h.store.create(makeReplicaSet("web-7fd845f59b", { replicas: 0, labels: { app: "other" } }));
  await h.create(makeDeployment("web", { replicas: 1 }));
  await h.settle();
  assert.equal((await h.deployment()).status?.collisionCount, 1);
  assert.deepEqual((await h.replicaSets()).map((rs) => rs.metadata.name), [
    "web-7fd845f59b",
    "web-9cb584849",
  ]);
  const foreign = (await h.replicaSets())[0];
  assert.equal(foreign.metadata.ownerReferences, undefined);
});

Deno.test("keysFor() maps ReplicaSets and pods to their ReplicaSet and their Deployment", async () => {
  const h = startHarness();
  await h.create(makeDeployment("web", { replicas: 1 }));
  await h.create(makeReplicaSet("solo", { replicas: 0 }));
  await h.settle();
  await h.store.create(makePod("stray", { labels: { app: "solo" } }));
  const cache = new ClusterCache(h.store);
  await cache.sync();
  const rs = cache.get("ReplicaSet", "default", "web-7fd845f59b")!;
  const [pod] = (await h.pods()).filter((p) => p.metadata.name !== "stray");
  const stray = cache.get("Pod", "default", "stray")!;
  const cases: [string, AnyObject, string[], string[]][] = [
    ["the Deployment", await h.deployment(), [], ["default/web"]],
    ["its ReplicaSet", rs, ["default/web-7fd845f59b"], ["default/web"]],
    ["its pod", pod, ["default/web-7fd845f59b"], ["default/web"]],
    ["an orphan pod", stray, ["default/solo"], []],
  ];
  for (const [what, object, replicaSetKeys, deploymentKeys] of cases) {
    const event = { type: "MODIFIED" as const, object };
    assert.deepEqual(replicaSetController.keysFor(event, cache), replicaSetKeys, what);
    assert.deepEqual(deploymentController.keysFor(event, cache), deploymentKeys, what);
  }
});

Deno.test("the first deployment sync creates the ReplicaSet and reports NewReplicaSetCreated", async () => {
  const h = startHarness();
  await h.create(makeDeployment("web", { replicas: 3 }));
  await h.plane.settle({ maxRounds: 1 });
  const d = await h.deployment();
  assert.deepEqual(d.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message]), [
    ["Progressing", "True", "NewReplicaSetCreated", 'Created new replica set "web-7fd845f59b"'],
    [
      "Available",
      "False",
      "MinimumReplicasUnavailable",
      "Deployment does not have minimum availability.",
    ],
  ]);
});

Deno.test("controllers started afresh on a settled store write nothing", async () => {
  const h = startHarness();
  await h.create(makeDeployment("web", { replicas: 3 }));
  await h.settle();
  await h.change(
    "Deployment",
    "web",
    (d) => (d.spec.template.spec.containers[0].image = "nginx:1.28"),
  );
  await h.settle();
  const revision = await h.store.revision();
  const fresh = startHarness({ shared: { store: h.store, clock: h.clock } });
  const result = await fresh.settle();
  assert.ok(result.reconciles > 0);
  assert.equal(await h.store.revision(), revision);
});
