import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { ApiError } from "../../lib/api/errors.ts";
import type { Deployment, Pod } from "../../lib/api/types.ts";

const deployment = (replicas: number, image = "nginx:1.27") => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: ${image}
`;

Deno.test("apply() creates, then configures, then leaves unchanged", async () => {
  const cluster = await Cluster.open();
  try {
    const [created] = await cluster.apply(deployment(3));
    assert.equal(created.action, "created");
    const [again] = await cluster.apply(deployment(3));
    assert.equal(again.action, "unchanged");
    assert.equal(again.object.metadata.resourceVersion, created.object.metadata.resourceVersion);
    const [changed] = await cluster.apply(deployment(3, "nginx:1.28"));
    assert.equal(changed.action, "configured");
    const stored = await cluster.get("Deployment", "web");
    assert.equal(stored!.spec.template.spec.containers[0].image, "nginx:1.28");
    assert.equal(stored!.metadata.generation, 2);
  } finally {
    await cluster.close();
  }
});

Deno.test("apply() keeps what the server set and what the manifest never named", async () => {
  const cluster = await Cluster.open();
  try {
    await cluster.apply(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
`);
    const scaled = (await cluster.get("Deployment", "web"))!;
    assert.equal(scaled.spec.replicas, 1); // defaulted
    await cluster.update({ ...scaled, spec: { ...scaled.spec, replicas: 5 } } as Deployment);
    const [result] = await cluster.apply(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, labels: { team: a } }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
`);
    assert.equal(result.action, "configured");
    const after = (await cluster.get("Deployment", "web"))!;
    assert.equal(after.spec.replicas, 5, "a scale the manifest does not mention survives apply");
    assert.deepEqual(after.metadata.labels, { team: "a" });
  } finally {
    await cluster.close();
  }
});

Deno.test("apply() writes nothing when one document is invalid, and names document, field and line", async () => {
  const cluster = await Cluster.open();
  try {
    const before = await cluster.store.revision();
    const text = `apiVersion: v1
kind: Pod
metadata: { name: fine }
spec: { containers: [{ name: app, image: nginx }] }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
  replicas: -2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
`;
    await assert.rejects(cluster.apply(text, { source: "two.yaml" }), (error) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.reason, "Invalid");
      assert.match(error.message, /^two\.yaml, document 2, line 11: /);
      assert.match(
        error.message,
        /spec\.replicas: Invalid value: -2: must be greater than or equal to 0/,
      );
      return true;
    });
    assert.equal(await cluster.store.revision(), before);
    assert.equal(await cluster.get("Pod", "fine"), undefined);
  } finally {
    await cluster.close();
  }
});

Deno.test("apply() into a missing namespace is NotFound unless the same apply creates it", async () => {
  const cluster = await Cluster.open();
  try {
    const pod = (ns: string) =>
      `apiVersion: v1
kind: Pod
metadata: { name: p, namespace: ${ns} }
spec: { containers: [{ name: app, image: nginx }] }
`;
    await assert.rejects(cluster.apply(pod("nowhere")), /namespaces "nowhere" not found/);
    const results = await cluster.apply(
      `apiVersion: v1\nkind: Namespace\nmetadata: { name: team }\n---\n${pod("team")}`,
    );
    assert.deepEqual(results.map((r) => r.action), ["created", "created"]);
    assert.equal(
      (await cluster.get("Pod", "p", { namespace: "team" }))?.metadata.namespace,
      "team",
    );
  } finally {
    await cluster.close();
  }
});

Deno.test("apply() reports fields kclone keeps but does not act on, and keeps them", async () => {
  const cluster = await Cluster.open();
  try {
    const [result] = await cluster.apply({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "vol" },
      spec: {
        containers: [{
          name: "app",
          image: "nginx",
          volumeMounts: [{ name: "d", mountPath: "/d" }],
        }],
        volumes: [{ name: "d", emptyDir: {} }],
      },
    });
    assert.ok(result.warnings.some((w) => w.includes("spec.volumes")), result.warnings.join("\n"));
    const stored = (await cluster.get("Pod", "vol")) as Pod;
    assert.deepEqual(stored.spec.volumes, [{ name: "d", emptyDir: {} }]);
  } finally {
    await cluster.close();
  }
});

Deno.test("apply() rejects fields Kubernetes does not have and kinds kclone does not serve", async () => {
  const cluster = await Cluster.open();
  try {
    await assert.rejects(
      cluster.apply({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "typo" },
        spec: { containers: [{ name: "app", image: "nginx", imagePullPolice: "Always" }] },
      }),
      /unknown field "spec\.containers\[0\]\.imagePullPolice"/,
    );
    await assert.rejects(
      cluster.apply({ apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "c" } }),
      /no matches for kind "CronJob" in version "batch\/v1"/,
    );
    assert.equal(await cluster.get("Pod", "typo"), undefined);
  } finally {
    await cluster.close();
  }
});

Deno.test("apply() names the line of an unknown field", async () => {
  const cluster = await Cluster.open();
  try {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  containers:
    - name: app
      image: nginx
      imagePullPolice: Always
`;
    await assert.rejects(
      cluster.apply(text, { source: "typo.yaml" }),
      /typo\.yaml, document 1, line 9: .*unknown field "spec\.containers\[0\]\.imagePullPolice"/,
    );
  } finally {
    await cluster.close();
  }
});
