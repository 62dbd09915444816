import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { ApiServer } from "../../lib/server/api_server.ts";

const PODS = "/api/v1/namespaces/default/pods";

function pod(name: string, labels: Record<string, string> = {}) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels },
    spec: { containers: [{ name: "web", image: "nginx" }] },
  };
}

/** Runs `fn` against a server on a free port over an in-memory cluster. */
async function withServer(fn: (url: string) => Promise<void>): Promise<void> {
  const cluster = await Cluster.open();
  const server = new ApiServer(cluster);
  try {
    await fn(await server.start({ port: 0 }));
  } finally {
    await server.stop();
    await cluster.close();
  }
}

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

Deno.test("ApiServer creates a pod, gets it and lists it by label", async () => {
  await withServer(async (url) => {
    const created = await post(`${url}${PODS}`, pod("web", { app: "web" }));
    assert.equal(created.status, 201);
    assert.equal((await created.json()).metadata.namespace, "default");
    assert.equal((await post(`${url}${PODS}`, pod("db", { app: "db" }))).status, 201);
    const got = await (await fetch(`${url}${PODS}/web`)).json();
    assert.equal(got.metadata.name, "web");
    const list = await (await fetch(`${url}/api/v1/pods?labelSelector=app%3Dweb`)).json();
    assert.equal(list.kind, "PodList");
    assert.equal(list.apiVersion, "v1");
    assert.match(list.metadata.resourceVersion, /^\d+$/);
    assert.deepEqual(list.items.map((p: { metadata: { name: string } }) => p.metadata.name), [
      "web",
    ]);
  });
});

Deno.test("ApiServer answers errors with Kubernetes' Status", async () => {
  await withServer(async (url) => {
    const missing = await fetch(`${url}${PODS}/nope`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'pods "nope" not found',
      reason: "NotFound",
      details: { name: "nope", kind: "pods" },
      code: 404,
    });
    const missingDeployment = await fetch(`${url}/apis/apps/v1/namespaces/default/deployments/x`);
    assert.equal((await missingDeployment.json()).message, 'deployments.apps "x" not found');
    await (await post(`${url}${PODS}`, pod("web"))).body?.cancel();
    const again = await post(`${url}${PODS}`, pod("web"));
    assert.equal(again.status, 409);
    const conflict = await again.json();
    assert.equal(conflict.reason, "AlreadyExists");
    assert.equal(conflict.message, 'pods "web" already exists');
    const invalid = await post(`${url}${PODS}`, { ...pod("bad"), spec: { containers: [] } });
    assert.equal(invalid.status, 422);
    const status = await invalid.json();
    assert.equal(status.reason, "Invalid");
    assert.equal(status.details.causes[0].field, "spec.containers");
    const unknown = await fetch(`${url}/api/v1/widgets`);
    assert.equal(unknown.status, 404);
    assert.equal(
      (await unknown.json()).message,
      "the server could not find the requested resource",
    );
  });
});

Deno.test("ApiServer serves discovery and health", async () => {
  await withServer(async (url) => {
    assert.equal((await (await fetch(`${url}/version`)).json()).minor, "32");
    assert.equal((await (await fetch(`${url}/apis`)).json()).kind, "APIGroupList");
    const apps = await (await fetch(`${url}/apis/apps/v1`)).json();
    assert.equal(apps.groupVersion, "apps/v1");
    assert.equal(await (await fetch(`${url}/healthz`)).text(), "ok");
  });
});

Deno.test("ApiServer updates and deletes a pod", async () => {
  await withServer(async (url) => {
    const created = await (await post(`${url}${PODS}`, pod("web"))).json();
    created.metadata.labels = { tier: "front" };
    const updated = await fetch(`${url}${PODS}/web`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(created),
    });
    assert.equal(updated.status, 200);
    assert.deepEqual((await updated.json()).metadata.labels, { tier: "front" });
    const deleted = await fetch(`${url}${PODS}/web`, { method: "DELETE" });
    assert.equal(deleted.status, 200);
    assert.equal((await deleted.json()).status, "Success");
    const gone = await fetch(`${url}${PODS}/web`);
    assert.equal(gone.status, 404);
    await gone.body?.cancel();
  });
});

Deno.test("ApiServer streams a watch event for a create made after the watch started", async () => {
  await withServer(async (url) => {
    const listed = await (await fetch(`${url}${PODS}`)).json();
    const abort = new AbortController();
    const watch = await fetch(
      `${url}${PODS}?watch=true&resourceVersion=${listed.metadata.resourceVersion}`,
      { signal: abort.signal },
    );
    assert.equal(watch.status, 200);
    const reader = watch.body!.pipeThrough(new TextDecoderStream()).getReader();
    await (await post(`${url}${PODS}`, pod("late"))).body?.cancel();
    let text = "";
    while (!text.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    const event = JSON.parse(text.split("\n")[0]);
    assert.equal(event.type, "ADDED");
    assert.equal(event.object.metadata.name, "late");
    abort.abort();
    await reader.cancel().catch(() => {});
  });
});

Deno.test("ApiServer ends a watch after timeoutSeconds", async () => {
  await withServer(async (url) => {
    const watch = await fetch(`${url}${PODS}?watch=1&timeoutSeconds=1`);
    const text = await watch.text();
    // No pods: nothing was sent before the watch ended on its own.
    assert.equal(text, "");
  });
});

Deno.test("ApiServer refuses a DELETE whose preconditions do not hold, with Kubernetes' Conflict, and keeps the pod", async () => {
  await withServer(async (url) => {
    const created = await (await post(`${url}${PODS}`, pod("web"))).json();
    const remove = (preconditions: Record<string, string>) =>
      fetch(`${url}${PODS}/web`, {
        method: "DELETE",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ kind: "DeleteOptions", apiVersion: "v1", preconditions }),
      });
    const stale = await remove({ resourceVersion: "1" });
    assert.equal(stale.status, 409);
    assert.equal(
      (await stale.json()).message,
      `Operation cannot be fulfilled on pods "web": Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: ${created.metadata.resourceVersion}`,
    );
    const otherUid = await remove({ uid: "0000" });
    assert.equal(otherUid.status, 409);
    assert.match(
      (await otherUid.json()).message,
      /UID in precondition: 0000, UID in object meta: /,
    );
    assert.equal((await fetch(`${url}${PODS}/web`)).status, 200);
    const ok = await remove({
      uid: created.metadata.uid,
      resourceVersion: created.metadata.resourceVersion,
    });
    assert.equal(ok.status, 200);
    assert.equal((await fetch(`${url}${PODS}/web`)).status, 404);
  });
});
