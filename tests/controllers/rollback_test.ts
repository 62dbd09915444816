import assert from "node:assert/strict";
import { NotFoundError } from "../../lib/api/errors.ts";
import type { Deployment } from "../../lib/api/types.ts";
import {
  planRollback,
  rollbackDeployment,
  RollbackError,
  rolloutHistory,
} from "../../lib/controllers/rollback.ts";
import { makeDeployment } from "../_fixtures.ts";
import { type Harness, startHarness } from "./_harness.ts";

const REVISION = "deployment.kubernetes.io/revision";
const CAUSE = "kubernetes.io/change-cause";

/** A Deployment rolled out once per image, each with a change cause. */
async function rolledOut(
  images: string[],
  overrides: Partial<Deployment["spec"]> = {},
): Promise<Harness> {
  const h = startHarness();
  await h.create(
    makeDeployment("web", {
      replicas: 2,
      image: images[0],
      overrides: { metadata: { annotations: { [CAUSE]: `image ${images[0]}` } }, spec: overrides },
    }),
  );
  await h.settle();
  for (const image of images.slice(1)) {
    await h.change("Deployment", "web", (d) => {
      d.spec.template.spec.containers[0].image = image;
      d.metadata.annotations = { ...d.metadata.annotations, [CAUSE]: `image ${image}` };
    });
    await h.settle();
  }
  return h;
}

const replicaSetsByRevision = async (h: Harness) =>
  (await h.replicaSets())
    .map((rs) => [rs.metadata.annotations?.[REVISION], rs.metadata.name, rs.spec.replicas])
    .sort();

Deno.test("rolloutHistory() lists the revisions with their change causes", async () => {
  const h = await rolledOut(["nginx:1.27", "nginx:1.28"]);
  const history = rolloutHistory(await h.deployment(), await h.replicaSets());
  assert.deepEqual(
    history.map(({ revision, replicaSet, changeCause }) => [revision, replicaSet, changeCause]),
    [
      [1, "web-7fd845f59b", "image nginx:1.27"],
      [2, "web-777897c8d9", "image nginx:1.28"],
    ],
  );
});

Deno.test("rollbackDeployment() restores the previous template and reuses its ReplicaSet as revision 3", async () => {
  const h = await rolledOut(["nginx:1.27", "nginx:1.28"]);
  const rolledBack = await rollbackDeployment(h.store, "default", "web");
  assert.equal(rolledBack.spec.template.spec.containers[0].image, "nginx:1.27");
  assert.equal(rolledBack.spec.template.metadata?.labels?.["pod-template-hash"], undefined);
  assert.equal(rolledBack.metadata.annotations?.[CAUSE], "image nginx:1.27");
  await h.settle();
  assert.deepEqual(await replicaSetsByRevision(h), [
    ["2", "web-777897c8d9", 0],
    ["3", "web-7fd845f59b", 2],
  ]);
  const reused = (await h.replicaSets()).find((rs) => rs.metadata.name === "web-7fd845f59b")!;
  assert.equal(reused.metadata.annotations?.["deployment.kubernetes.io/revision-history"], "1");
  assert.equal((await h.deployment()).metadata.annotations?.[REVISION], "3");
  assert.ok((await h.pods()).every((p) => p.spec.containers[0].image === "nginx:1.27"));
});

Deno.test("rollbackDeployment() rolls back to a given revision", async () => {
  const h = await rolledOut(["nginx:1.27", "nginx:1.28", "nginx:1.29"]);
  await rollbackDeployment(h.store, "default", "web", 1);
  await h.settle();
  assert.deepEqual(await replicaSetsByRevision(h), [
    ["2", "web-777897c8d9", 0],
    ["3", "web-84c7954f9d", 0],
    ["4", "web-7fd845f59b", 2],
  ]);
});

Deno.test("rollbackDeployment() fails with kubectl's messages", async (t) => {
  const cases: [string, string[], number | undefined, Partial<Deployment["spec"]>, string][] = [
    [
      "a revision that is not there",
      ["nginx:1.27", "nginx:1.28"],
      7,
      {},
      "unable to find specified revision 7 in history",
    ],
    [
      "no earlier revision",
      ["nginx:1.27"],
      undefined,
      {},
      'no rollout history found for deployment "web"',
    ],
    [
      "a paused Deployment",
      ["nginx:1.27", "nginx:1.28"],
      undefined,
      { paused: true },
      "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    ],
  ];
  for (const [name, images, revision, spec, message] of cases) {
    await t.step(name, async () => {
      const h = await rolledOut(images);
      if (spec.paused) await h.change("Deployment", "web", (d) => (d.spec.paused = true));
      const before = await h.deployment();
      await assert.rejects(
        rollbackDeployment(h.store, "default", "web", revision),
        new RollbackError(message),
      );
      assert.equal(
        (await h.deployment()).metadata.resourceVersion,
        before.metadata.resourceVersion,
      );
    });
  }
  await t.step("a missing Deployment", async () => {
    const h = startHarness();
    await assert.rejects(rollbackDeployment(h.store, "default", "web"), (error) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.message, 'deployments.apps "web" not found');
      return true;
    });
  });
});

Deno.test("planRollback() skips a revision whose template is already the Deployment's", async () => {
  const h = await rolledOut(["nginx:1.27", "nginx:1.28"]);
  const plan = planRollback(await h.deployment(), await h.replicaSets(), 2);
  assert.deepEqual(plan, {
    skipped: true,
    revision: 2,
    message: "skipped rollback (current template already matches revision 2)",
  });
});
