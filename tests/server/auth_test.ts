import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { ApiServer } from "../../lib/server/api_server.ts";
import { bearerTokenCheck } from "../../lib/server/auth.ts";
import { kubeconfigText } from "../../lib/server/kubeconfig.ts";

const TOKEN = "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5";
const PODS = "http://127.0.0.1:6443/api/v1/namespaces/default/pods";
const UNAUTHORIZED = {
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  message: "Unauthorized",
  reason: "Unauthorized",
  code: 401,
};

function request(url: string, authorization?: string, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (authorization !== undefined) headers.set("authorization", authorization);
  return new Request(url, { ...init, headers });
}

function createPod(authorization?: string): Request {
  return request(PODS, authorization, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web" },
      spec: { containers: [{ name: "web", image: "nginx" }] },
    }),
  });
}

/** Runs `fn` with an ApiServer (not listening; requiring TOKEN unless told) on a new cluster. */
async function withServer(
  fn: (server: ApiServer, cluster: Cluster) => Promise<void>,
  options: { token?: string } = { token: TOKEN },
): Promise<void> {
  const cluster = await Cluster.open();
  try {
    await fn(new ApiServer(cluster, options), cluster);
  } finally {
    await cluster.close();
  }
}

Deno.test("bearerTokenCheck() answers 401 Unauthorized as kube-apiserver does without a token", async () => {
  const response = await bearerTokenCheck(request(PODS), TOKEN);
  assert.equal(response?.status, 401);
  assert.equal(response?.headers.get("content-type"), "application/json");
  assert.deepEqual(await response?.json(), UNAUTHORIZED);
});

Deno.test("bearerTokenCheck() lets through exactly the right bearer token", async () => {
  const cases: [string, boolean][] = [
    [`Bearer ${TOKEN}`, true],
    [`bearer ${TOKEN}`, true], // the scheme is not case-sensitive
    [`  Bearer ${TOKEN}  `, true], // surrounding spaces are trimmed
    [`Bearer ${TOKEN}x`, false],
    [`Bearer ${TOKEN.slice(1)}`, false],
    ["Bearer ", false],
    [`Basic ${TOKEN}`, false],
    [TOKEN, false],
  ];
  for (const [authorization, allowed] of cases) {
    const response = await bearerTokenCheck(request(PODS, authorization), TOKEN);
    assert.equal(response === undefined, allowed, authorization);
  }
});

Deno.test("ApiServer with a token refuses a create without it with 401, and writes nothing", async () => {
  await withServer(async (server, cluster) => {
    const response = await server.handle(createPod());
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), UNAUTHORIZED);
    assert.equal(await cluster.get("Pod", "web", { namespace: "default" }), undefined);
  });
});

Deno.test("ApiServer with a token refuses a wrong token with 401, and writes nothing", async () => {
  await withServer(async (server, cluster) => {
    const response = await server.handle(createPod("Bearer not-the-token"));
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), UNAUTHORIZED);
    assert.equal(await cluster.get("Pod", "web", { namespace: "default" }), undefined);
  });
});

Deno.test("ApiServer with a token serves discovery and writes with the right token", async () => {
  await withServer(async (server, cluster) => {
    const discovery = await server.handle(request("http://127.0.0.1:6443/api", "Bearer x"));
    assert.equal(discovery.status, 401);
    const allowed = await server.handle(request("http://127.0.0.1:6443/api", `Bearer ${TOKEN}`));
    assert.equal(allowed.status, 200);
    assert.equal((await allowed.json()).kind, "APIVersions");
    const created = await server.handle(createPod(`Bearer ${TOKEN}`));
    assert.equal(created.status, 201);
    await created.body?.cancel();
    assert.equal((await cluster.get("Pod", "web", { namespace: "default" }))?.metadata.name, "web");
  });
});

Deno.test("ApiServer answers /healthz, /livez and /readyz without a token", async () => {
  await withServer(async (server) => {
    for (const path of ["/healthz", "/livez", "/readyz", "/healthz/"]) {
      const response = await server.handle(request(`http://127.0.0.1:6443${path}`));
      assert.equal(response.status, 200, path);
      assert.equal(await response.text(), "ok");
    }
  });
});

Deno.test("ApiServer without a token serves requests that carry none, as before", async () => {
  await withServer(async (server, cluster) => {
    const created = await server.handle(createPod());
    assert.equal(created.status, 201);
    await created.body?.cancel();
    assert.equal((await cluster.get("Pod", "web", { namespace: "default" }))?.metadata.name, "web");
  }, {});
});

Deno.test("kubeconfigText() writes the token under the user and the certificate to trust", () => {
  const pem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
  assert.equal(
    kubeconfigText("https://127.0.0.1:6443", { token: TOKEN, certificateAuthority: pem }),
    `apiVersion: v1
kind: Config
clusters:
  - name: kclone
    cluster:
      server: https://127.0.0.1:6443
      certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCkFBQUEKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=
contexts:
  - name: kclone
    context:
      cluster: kclone
      user: kclone
current-context: kclone
users:
  - name: kclone
    user:
      token: ${TOKEN}
preferences: {}
`,
  );
});
