import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { ApiServer } from "../../lib/server/api_server.ts";

const PODS = "/api/v1/namespaces/default/pods";
const BOGUS_POD = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web" },
  spec: { containers: [{ name: "web", image: "nginx", colour: "red" }], bogus: 1 },
};

/** Runs `fn` against a server on a free port over an in-memory cluster. */
async function withServer(fn: (url: string, cluster: Cluster) => Promise<void>): Promise<void> {
  const cluster = await Cluster.open();
  const server = new ApiServer(cluster);
  try {
    await fn(await server.start({ port: 0 }), cluster);
  } finally {
    await server.stop();
    await cluster.close();
  }
}

function send(url: string, method: string, body: unknown, type = "application/json") {
  return fetch(url, { method, headers: { "content-type": type }, body: JSON.stringify(body) });
}

Deno.test("fieldValidation=Strict rejects unknown fields with kube-apiserver's message", async () => {
  await withServer(async (url, cluster) => {
    const res = await send(`${url}${PODS}?fieldValidation=Strict`, "POST", BOGUS_POD);
    assert.equal(res.status, 400);
    const status = await res.json();
    assert.equal(status.reason, "BadRequest");
    assert.equal(
      status.message,
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: ' +
        'unknown field "spec.containers[0].colour", unknown field "spec.bogus"',
    );
    assert.equal(await cluster.get("Pod", "web"), undefined);
  });
});

Deno.test("fieldValidation=Warn drops unknown fields with a Warning header each", async () => {
  await withServer(async (url, cluster) => {
    const res = await send(`${url}${PODS}?fieldValidation=Warn`, "POST", BOGUS_POD);
    assert.equal(res.status, 201);
    assert.equal(
      res.headers.get("warning"),
      '299 - "unknown field \\"spec.containers[0].colour\\"", 299 - "unknown field \\"spec.bogus\\""',
    );
    const body = await res.json();
    assert.equal("bogus" in body.spec, false);
    assert.equal((await cluster.get("Pod", "web"))?.spec.containers[0].image, "nginx");
  });
});

Deno.test("fieldValidation=Ignore drops unknown fields silently, on update too", async () => {
  await withServer(async (url) => {
    const created = await send(`${url}${PODS}?fieldValidation=Ignore`, "POST", BOGUS_POD);
    assert.equal(created.status, 201);
    assert.equal(created.headers.get("warning"), null);
    const current = await created.json();
    current.metadata.labels = { app: "web" };
    current.spec.bogus = true;
    const updated = await send(`${url}${PODS}/web?fieldValidation=Ignore`, "PUT", current);
    assert.equal(updated.status, 200);
    assert.equal(updated.headers.get("warning"), null);
    assert.deepEqual((await updated.json()).metadata.labels, { app: "web" });
  });
});

Deno.test("fieldValidation applies to the result of a patch", async () => {
  await withServer(async (url) => {
    await send(`${url}${PODS}`, "POST", {
      ...BOGUS_POD,
      spec: { containers: [{ name: "web", image: "nginx" }] },
    });
    const patch = { spec: { bogus: 1 } };
    const strict = await send(
      `${url}${PODS}/web?fieldValidation=Strict`,
      "PATCH",
      patch,
      "application/merge-patch+json",
    );
    assert.equal(strict.status, 400);
    assert.match((await strict.json()).message, /unknown field "spec.bogus"/);
    const warn = await send(
      `${url}${PODS}/web?fieldValidation=Warn`,
      "PATCH",
      patch,
      "application/merge-patch+json",
    );
    assert.equal(warn.status, 200);
    assert.equal(warn.headers.get("warning"), '299 - "unknown field \\"spec.bogus\\""');
    await warn.body?.cancel();
  });
});

Deno.test("an unsupported fieldValidation value is BadRequest", async () => {
  await withServer(async (url) => {
    const res = await send(`${url}${PODS}?fieldValidation=Loose`, "POST", BOGUS_POD);
    assert.equal(res.status, 400);
    assert.equal(
      (await res.json()).message,
      "fieldValidation parameter unsupported: Loose, supported values are: Ignore, Strict, Warn",
    );
  });
});

Deno.test("dryRun=All admits and answers as if written, and writes nothing", async () => {
  await withServer(async (url, cluster) => {
    const pod = { ...BOGUS_POD, spec: { containers: [{ name: "web", image: "nginx" }] } };
    const created = await send(`${url}${PODS}?dryRun=All`, "POST", pod);
    assert.equal(created.status, 201);
    assert.equal((await created.json()).metadata.namespace, "default");
    assert.equal(await cluster.get("Pod", "web"), undefined);
    const stored = await (await send(`${url}${PODS}`, "POST", pod)).json();
    const patch = { metadata: { labels: { tier: "front" } } };
    const patched = await send(
      `${url}${PODS}/web?dryRun=All`,
      "PATCH",
      patch,
      "application/merge-patch+json",
    );
    assert.equal(patched.status, 200);
    assert.deepEqual((await patched.json()).metadata.labels, { tier: "front" });
    const after = await cluster.get("Pod", "web");
    assert.equal(after?.metadata.labels, undefined);
    assert.equal(after?.metadata.resourceVersion, stored.metadata.resourceVersion);
    const again = await send(`${url}${PODS}?dryRun=All`, "POST", pod);
    assert.equal(again.status, 409);
    assert.equal((await again.json()).message, 'pods "web" already exists');
    const stale = await send(`${url}${PODS}/web?dryRun=All`, "PUT", {
      ...stored,
      metadata: { ...stored.metadata, resourceVersion: "1" },
    });
    assert.equal(stale.status, 409);
    assert.equal((await stale.json()).reason, "Conflict");
  });
});

Deno.test("PATCH answers 200 with the stored object, Conflict on a stale resourceVersion", async () => {
  await withServer(async (url, cluster) => {
    const pod = { ...BOGUS_POD, spec: { containers: [{ name: "web", image: "nginx" }] } };
    await send(`${url}${PODS}`, "POST", pod);
    const patched = await send(
      `${url}${PODS}/web`,
      "PATCH",
      [{ op: "add", path: "/metadata/labels", value: { app: "web" } }],
      "application/json-patch+json",
    );
    assert.equal(patched.status, 200);
    const body = await patched.json();
    assert.deepEqual(body.metadata.labels, { app: "web" });
    assert.equal(
      (await cluster.get("Pod", "web"))?.metadata.resourceVersion,
      body.metadata.resourceVersion,
    );
    const stale = await send(
      `${url}${PODS}/web`,
      "PATCH",
      { metadata: { resourceVersion: "1", labels: { app: "db" } } },
      "application/merge-patch+json",
    );
    assert.equal(stale.status, 409);
    assert.equal((await stale.json()).reason, "Conflict");
    const missing = await send(`${url}${PODS}/db`, "PATCH", {}, "application/merge-patch+json");
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).message, 'pods "db" not found');
    const unsupported = await send(`${url}${PODS}/web`, "PATCH", {}, "text/plain");
    assert.equal(unsupported.status, 415);
    await unsupported.body?.cancel();
  });
});
