import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { ApiServer } from "../../lib/server/api_server.ts";

const DEPLOYMENT = "/apis/apps/v1/namespaces/default/deployments/web";

function deployment(spec: Record<string, unknown>, labels: Record<string, string> = {}) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", labels },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "web", image: "nginx", ports: [{ containerPort: 80 }] }] },
      },
      ...spec,
    },
  };
}

/** Runs `fn` with an apply() that PATCHes as `kubectl apply --server-side` does. */
async function withServer(
  fn: (
    apply: (body: unknown, query?: string) => Promise<Response>,
    cluster: Cluster,
  ) => Promise<void>,
): Promise<void> {
  const cluster = await Cluster.open();
  const server = new ApiServer(cluster);
  const apply = (body: unknown, query = "fieldManager=kubectl") =>
    server.handle(
      new Request(`http://kclone${DEPLOYMENT}?${query}`, {
        method: "PATCH",
        headers: { "content-type": "application/apply-patch+yaml" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
  try {
    await fn(apply, cluster);
  } finally {
    await cluster.close();
  }
}

Deno.test("server-side apply creates the object, records what the manager set, and changes nothing when applied again", async () => {
  await withServer(async (apply, cluster) => {
    const created = await apply(deployment({ replicas: 2 }, { app: "web" }));
    assert.equal(created.status, 201);
    const object = await created.json();
    assert.equal(object.spec.replicas, 2);
    assert.deepEqual(object.metadata.managedFields.map((e: Record<string, unknown>) => e.manager), [
      "kubectl",
    ]);
    const fields = object.metadata.managedFields[0].fieldsV1;
    assert.equal(object.metadata.managedFields[0].operation, "Apply");
    assert.deepEqual(fields["f:metadata"], { "f:labels": { "f:app": {} } });
    const ports = fields["f:spec"]["f:template"]["f:spec"]["f:containers"]['k:{"name":"web"}'];
    assert.deepEqual(ports["f:ports"], {
      'k:{"containerPort":80,"protocol":"TCP"}': { ".": {}, "f:containerPort": {} },
    });
    const again = await apply(deployment({ replicas: 2 }, { app: "web" }));
    assert.equal(again.status, 200);
    const stored = await cluster.get("Deployment", "web");
    assert.equal(stored?.metadata.resourceVersion, object.metadata.resourceVersion);
    assert.equal(stored?.spec.template.spec.containers[0].ports?.length, 1);
  });
});

Deno.test("server-side apply removes what the manager no longer sets, but not what others own", async () => {
  await withServer(async (apply, cluster) => {
    await apply(deployment({ replicas: 2 }, { app: "web", tier: "front" }));
    await apply(
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { labels: { team: "a" } } },
      "fieldManager=labeller",
    );
    const response = await apply(deployment({}, { app: "web" }));
    assert.equal(response.status, 200);
    const stored = await cluster.get("Deployment", "web");
    assert.deepEqual(stored?.metadata.labels, { app: "web", team: "a" });
    // replicas is no longer applied: the field goes, and the default comes back.
    assert.equal(stored?.spec.replicas, 1);
  });
});

Deno.test("server-side apply reports a conflict with another manager, and force takes the field", async () => {
  await withServer(async (apply, cluster) => {
    await apply(deployment({ replicas: 2 }));
    const conflict = await apply(deployment({ replicas: 4 }), "fieldManager=other");
    assert.equal(conflict.status, 409);
    const status = await conflict.json();
    assert.equal(status.reason, "Conflict");
    assert.equal(
      status.message,
      'Apply failed with 1 conflict: conflict with "kubectl" using apps/v1: .spec.replicas',
    );
    assert.deepEqual(status.details.causes, [{
      reason: "FieldManagerConflict",
      message: 'conflict with "kubectl" using apps/v1',
      field: ".spec.replicas",
    }]);
    assert.equal((await cluster.get("Deployment", "web"))?.spec.replicas, 2);
    // The same value is shared ownership, not a conflict.
    assert.equal((await apply(deployment({ replicas: 2 }), "fieldManager=other")).status, 200);
    const forced = await apply(deployment({ replicas: 4 }), "fieldManager=other&force=true");
    assert.equal(forced.status, 200);
    const stored = await cluster.get("Deployment", "web");
    assert.equal(stored?.spec.replicas, 4);
    const kubectl = (stored?.metadata.managedFields as { manager: string; fieldsV1: never }[])
      .find((e) => e.manager === "kubectl");
    assert.equal(kubectl?.fieldsV1["f:spec"]["f:replicas"], undefined);
  });
});

Deno.test("server-side apply refuses bad requests with 400 and writes nothing", async () => {
  await withServer(async (apply, cluster) => {
    const cases: [string, unknown, string, RegExp][] = [
      ["no field manager", deployment({}), "", /fieldManager is required for apply requests/],
      [
        "managedFields in the body",
        { ...deployment({}), metadata: { name: "web", managedFields: [] } },
        "fieldManager=kubectl",
        /metadata\.managedFields must be nil/,
      ],
      [
        "another name",
        { ...deployment({}), metadata: { name: "db" } },
        "fieldManager=kubectl",
        /does not match the name on the URL/,
      ],
      ["malformed YAML", "spec: [", "fieldManager=kubectl", /error decoding YAML/],
      ["another kind", { apiVersion: "v1", kind: "Pod" }, "fieldManager=kubectl", /Pod in v1/],
    ];
    for (const [what, body, query, message] of cases) {
      const response = await apply(body, query);
      assert.equal(response.status, 400, what);
      assert.match((await response.json()).message, message, what);
    }
    assert.equal(await cluster.get("Deployment", "web"), undefined);
  });
});
