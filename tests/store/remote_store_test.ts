import assert from "node:assert/strict";
import {
  AlreadyExistsError,
  ApiError,
  ConflictError,
  InvalidError,
  NotFoundError,
} from "../../lib/api/errors.ts";
import type { Service } from "../../lib/api/types.ts";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { errorLine } from "../../lib/cli/context.ts";
import { ApiServer } from "../../lib/server/api_server.ts";
import {
  errorFromStatus,
  listQuery,
  NotServedError,
  RemoteStore,
  resourcePath,
  ServerConnectionError,
} from "../../lib/store/remote/mod.ts";
import { storeContract } from "./_contract.ts";

/**
 * Contract cases that cannot hold over the Kubernetes REST API, and why. They are registered
 * as ignored, so that the test report lists them.
 */
const NOT_OVER_REST: ReadonlyMap<string, string> = new Map([
  [
    "objects handed out cannot change the store, nor can the objects given to it",
    "it reads changes(); the API serves no change log (every answer is a fresh parse anyway)",
  ],
  ["batch() writes all operations in order, or none", "HTTP has no transactions"],
  ["a failed batch() is not seen by watchers", "HTTP has no transactions"],
  ["restore() ends open watches with Gone", "the API cannot replace the whole state"],
  ["changes() pages through the log of every kind in order", "the API serves no change log"],
  ["changes() tells the state before each modification when asked", "the API serves no change log"],
  ["watch() from a compacted resourceVersion is Gone", "the API has no request to compact"],
  [
    "dump() and restore() keep uid and resourceVersion; revisions continue above",
    "the API cannot replace the whole state",
  ],
]);

// The contract registers its cases with Deno.test: those above are registered as ignored.
const deno = Deno as { test: typeof Deno.test };
const register = deno.test;
deno.test = ((name: string, fn: () => Promise<void>) => {
  const title = name.replace(/^RemoteStore: /, "");
  return register({ name, fn, ignore: NOT_OVER_REST.has(title) });
}) as typeof Deno.test;
storeContract("RemoteStore", async () => {
  const cluster = await Cluster.open();
  // The contract writes into `dev`: the API server, as Kubernetes, wants the namespace first.
  await cluster.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
  const server = new ApiServer(cluster);
  const store = new RemoteStore(await server.start({ port: 0 }));
  return {
    store,
    cleanup: async () => {
      await server.stop();
      await cluster.close();
    },
  };
});
deno.test = register;

Deno.test("resourcePath() builds the REST path of every kind, as kube-apiserver serves it", () => {
  assert.equal(resourcePath("Pod", "dev", "web"), "/api/v1/namespaces/dev/pods/web");
  assert.equal(resourcePath("Pod"), "/api/v1/pods");
  assert.equal(
    resourcePath("Deployment", "default"),
    "/apis/apps/v1/namespaces/default/deployments",
  );
  assert.equal(
    resourcePath("Lease", "kube-system", "kclone-controller-manager"),
    "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kclone-controller-manager",
  );
  assert.equal(resourcePath("Node", "dev", "n1"), "/api/v1/nodes/n1");
  assert.equal(resourcePath("Namespace", undefined, "dev"), "/api/v1/namespaces/dev");
  assert.equal(resourcePath("Pod", "a b", "x/y"), "/api/v1/namespaces/a%20b/pods/x%2Fy");
  assert.throws(() => resourcePath("RangeAllocation"), /doesn't have a resource type/);
});

Deno.test("listQuery() writes selectors as text, object selectors too", () => {
  assert.equal(listQuery({}).toString(), "");
  assert.equal(
    listQuery({ labelSelector: "app=web", fieldSelector: "spec.nodeName=n1" }).toString(),
    "labelSelector=app%3Dweb&fieldSelector=spec.nodeName%3Dn1",
  );
  assert.equal(
    listQuery({
      labelSelector: {
        matchLabels: { app: "web" },
        matchExpressions: [{ key: "tier", operator: "In", values: ["fe", "be"] }],
      },
    }).get("labelSelector"),
    "app=web,tier in (be,fe)",
  );
});

Deno.test("errorFromStatus() gives back the typed error, with the server's words", () => {
  const status = (reason: string, code: number, message: string, details = {}) => ({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    reason,
    message,
    details,
    code,
  });
  const notFound = errorFromStatus(
    status("NotFound", 404, 'deployments.apps "web" not found', {
      name: "web",
      group: "apps",
      kind: "deployments",
    }),
    404,
  );
  assert.ok(notFound instanceof NotFoundError);
  assert.equal(notFound.message, 'deployments.apps "web" not found');
  const conflict = errorFromStatus(
    status("Conflict", 409, 'Operation cannot be fulfilled on pods "web": gone', {
      name: "web",
      kind: "pods",
    }),
    409,
  );
  assert.ok(conflict instanceof ConflictError);
  assert.equal(conflict.message, 'Operation cannot be fulfilled on pods "web": gone');
  assert.ok(
    errorFromStatus(status("AlreadyExists", 409, 'pods "web" already exists'), 409) instanceof
      AlreadyExistsError,
  );
  const causes = [{ reason: "FieldValueInvalid", message: "Invalid value: -1", field: "x" }];
  const invalid = errorFromStatus(
    status("Invalid", 422, 'Pod "web" is invalid: x: Invalid value: -1', { kind: "Pod", causes }),
    422,
  );
  assert.ok(invalid instanceof InvalidError);
  assert.deepEqual(invalid.details.causes, causes);
  const unauthorized = errorFromStatus(status("Unauthorized", 401, "Unauthorized"), 401);
  assert.equal(unauthorized.reason, "Unauthorized");
  assert.equal(
    errorLine(unauthorized),
    "error: You must be logged in to the server (Unauthorized)",
  );
  const bare = errorFromStatus("<html>bad gateway</html>", 502);
  assert.ok(bare instanceof ApiError);
  assert.equal(bare.reason, "InternalError");
  assert.equal(bare.code, 502);
});

Deno.test("RemoteStore sends the bearer token and reads the server's Status on failure", async () => {
  const seen: (string | null)[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
    seen.push(request.headers.get("authorization"));
    const body = {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "Unauthorized",
      reason: "Unauthorized",
      code: 401,
    };
    return Response.json(body, { status: 401 });
  });
  const store = new RemoteStore(`http://127.0.0.1:${server.addr.port}`, { token: "s3cret" });
  try {
    await assert.rejects(store.list("Pod"), (error) => {
      assert.equal(errorLine(error), "error: You must be logged in to the server (Unauthorized)");
      return true;
    });
    assert.deepEqual(seen, ["Bearer s3cret"]);
  } finally {
    await store.close();
    await server.shutdown();
  }
});

Deno.test("RemoteStore says, as kubectl does, that nothing listens at the server's address", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  const store = new RemoteStore(`http://127.0.0.1:${port}`);
  await assert.rejects(store.get("Pod", "default", "web"), (error) => {
    assert.ok(error instanceof ServerConnectionError);
    assert.equal(
      errorLine(error),
      `The connection to the server 127.0.0.1:${port} was refused - did you specify the right host or port?`,
    );
    return true;
  });
  await store.close();
});

Deno.test("RemoteStore refuses what the API cannot do, and derives the service ranges", async () => {
  const cluster = await Cluster.open();
  const server = new ApiServer(cluster);
  const store = new RemoteStore(await server.start({ port: 0 }));
  try {
    await assert.rejects(store.restore([]), NotServedError);
    await assert.rejects(store.compact(1), NotServedError);
    await assert.rejects(
      store.changes(0),
      (error) => error instanceof ApiError && error.code === 410,
    );
    // A Service created through the remote store gets the address the server records.
    const remote = await Cluster.open({ store });
    const web = await remote.create<Service>({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "default" },
      spec: { selector: { app: "web" }, ports: [{ port: 80 }] },
    });
    const api = await remote.create<Service>({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "api", namespace: "default" },
      spec: { selector: { app: "api" }, ports: [{ port: 80 }] },
    });
    assert.notEqual(web.spec.clusterIP, api.spec.clusterIP);
    const ranges = await cluster.store.get("RangeAllocation", undefined, "serviceips");
    const derived = await store.get("RangeAllocation", undefined, "serviceips");
    assert.equal(derived?.data, ranges?.data);
    const dump = await store.dump();
    assert.deepEqual(
      dump.objects.filter((o) => o.kind === "Service").map((o) => o.metadata.name),
      ["api", "web"],
    );
  } finally {
    await store.close();
    await server.stop();
    await cluster.close();
  }
});

/** A CA and a certificate it signed for 127.0.0.1, made with openssl; undefined without it. */
async function testCertificates(dir: string) {
  await Deno.writeTextFile(`${dir}/ext.cnf`, "subjectAltName=IP:127.0.0.1\n");
  const steps = [
    "req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 1 -subj /CN=test-ca",
    "req -newkey rsa:2048 -nodes -keyout tls.key -out tls.csr -subj /CN=127.0.0.1",
    "x509 -req -in tls.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out tls.crt -days 1 " +
    "-extfile ext.cnf",
  ];
  for (const step of steps) {
    const command = new Deno.Command("openssl", {
      args: step.split(" "),
      cwd: dir,
      stdout: "null",
      stderr: "null",
    });
    const made = await command.output().then((o) => o.success, () => false);
    if (!made) return undefined;
  }
  const read = (name: string) => Deno.readTextFile(`${dir}/${name}`);
  return { ca: await read("ca.crt"), cert: await read("tls.crt"), key: await read("tls.key") };
}

Deno.test("RemoteStore trusts an https server signed by the CA it is given", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-tls-" });
  try {
    const certs = await testCertificates(dir);
    if (!certs) {
      console.log("skipped: openssl is not installed");
      return;
    }
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, cert: certs.cert, key: certs.key, onListen: () => {} },
      () => Response.json({ kind: "NamespaceList", metadata: { resourceVersion: "7" }, items: [] }),
    );
    const url = `https://127.0.0.1:${server.addr.port}`;
    const trusting = new RemoteStore(url, { caCerts: [certs.ca] });
    const untrusting = new RemoteStore(url);
    try {
      assert.equal(await trusting.revision(), 7);
      await assert.rejects(untrusting.revision(), (error) => {
        assert.ok(error instanceof ServerConnectionError);
        assert.match(error.message, /^Unable to connect to the server: .*(certificate|issuer)/i);
        return true;
      });
    } finally {
      await trusting.close();
      await untrusting.close();
      await server.shutdown();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
