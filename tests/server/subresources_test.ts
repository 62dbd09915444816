import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { ApiServer } from "../../lib/server/api_server.ts";

const PODS = "/api/v1/namespaces/default/pods";
const SUCCESS = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 };

/** Runs `fn` against a server on a free port over an in-memory cluster with pod `web`. */
async function withServer(fn: (url: string, cluster: Cluster) => Promise<void>): Promise<void> {
  const cluster = await Cluster.open();
  const server = new ApiServer(cluster);
  try {
    await cluster.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web", namespace: "default" },
      spec: { containers: [{ name: "web", image: "nginx" }] },
    });
    await fn(await server.start({ port: 0 }), cluster);
  } finally {
    await server.stop();
    await cluster.close();
  }
}

async function call(url: string, method: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

function eviction(name: string, apiVersion = "policy/v1") {
  return { apiVersion, kind: "Eviction", metadata: { name, namespace: "default" } };
}

Deno.test("POST pods/{name}/eviction deletes the pod and answers 201 Success", async () => {
  for (const apiVersion of ["policy/v1", "policy/v1beta1"]) {
    await withServer(async (url, cluster) => {
      const evicted = await call(`${url}${PODS}/web/eviction`, "POST", eviction("web", apiVersion));
      assert.deepEqual(evicted, { status: 201, body: SUCCESS });
      assert.equal(await cluster.get("Pod", "web"), undefined);
    });
  }
});

Deno.test("POST pods/{name}/eviction reports a missing pod, a name mismatch and a dry run", async () => {
  await withServer(async (url, cluster) => {
    const missing = await call(`${url}${PODS}/nope/eviction`, "POST", eviction("nope"));
    assert.equal(missing.status, 404);
    assert.equal(missing.body.reason, "NotFound");
    assert.equal(missing.body.message, 'pods "nope" not found');
    const mismatch = await call(`${url}${PODS}/web/eviction`, "POST", eviction("db"));
    assert.equal(mismatch.status, 400);
    assert.equal(mismatch.body.message, "name in URL does not match name in Eviction object");
    const dry = await call(`${url}${PODS}/web/eviction?dryRun=All`, "POST", eviction("web"));
    assert.equal(dry.status, 201);
    assert.ok(await cluster.get("Pod", "web"));
    const get = await call(`${url}${PODS}/web/eviction`, "GET");
    assert.equal(get.status, 405);
  });
});

Deno.test("POST pods/{name}/binding sets spec.nodeName once, then answers Conflict", async () => {
  await withServer(async (url, cluster) => {
    const binding = {
      apiVersion: "v1",
      kind: "Binding",
      metadata: { name: "web" },
      target: { apiVersion: "v1", kind: "Node", name: "node-a" },
    };
    assert.deepEqual(await call(`${url}${PODS}/web/binding`, "POST", binding), {
      status: 201,
      body: SUCCESS,
    });
    const pod = await cluster.get("Pod", "web");
    assert.equal(pod?.spec.nodeName, "node-a");
    assert.equal(pod?.status?.conditions?.find((c) => c.type === "PodScheduled")?.status, "True");
    const again = await call(`${url}${PODS}/web/binding`, "POST", {
      ...binding,
      target: { kind: "Node", name: "node-b" },
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.reason, "Conflict");
    assert.equal(
      again.body.message,
      'Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "node-a"',
    );
    const noTarget = await call(`${url}${PODS}/web/binding`, "POST", {
      ...binding,
      target: {},
    });
    assert.equal(noTarget.status, 422);
    assert.equal(noTarget.body.message, 'Binding "web" is invalid: target.name: Required value');
    const missing = await call(`${url}${PODS}/nope/binding`, "POST", {
      ...binding,
      metadata: { name: "nope" },
    });
    assert.equal(missing.status, 404);
  });
});

Deno.test("GET pods/{name}/log answers BadRequest: kclone's pods have no process", async () => {
  await withServer(async (url) => {
    assert.deepEqual(await call(`${url}${PODS}/web/log?container=web`, "GET"), {
      status: 400,
      body: {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message:
          'pod "web" has no logs: kclone runs this pod simulated, without a process (real pods come with kclone agent)',
        reason: "BadRequest",
        code: 400,
      },
    });
    const missing = await call(`${url}${PODS}/nope/log`, "GET");
    assert.equal(missing.status, 404);
    assert.equal(missing.body.message, 'pods "nope" not found');
  });
});

Deno.test("/api/v1 lists pods/eviction in group policy, as kubectl drain looks for it", async () => {
  await withServer(async (url) => {
    const { body } = await call(`${url}/api/v1`, "GET");
    const pods = body.resources.filter((r: { name: string }) => r.name.startsWith("pods/"));
    assert.deepEqual(pods, [
      {
        name: "pods/binding",
        singularName: "",
        namespaced: true,
        kind: "Binding",
        verbs: ["create"],
      },
      {
        name: "pods/eviction",
        singularName: "",
        namespaced: true,
        group: "policy",
        version: "v1",
        kind: "Eviction",
        verbs: ["create"],
      },
      { name: "pods/log", singularName: "", namespaced: true, kind: "Pod", verbs: ["get"] },
      {
        name: "pods/status",
        singularName: "",
        namespaced: true,
        kind: "Pod",
        verbs: ["get", "patch", "update"],
      },
    ]);
  });
});
