/**
 * The official JavaScript client, `@kubernetes/client-node`, against an in-process kclone API
 * server whose control loops run: create, list, watch, patch, scale and delete, and the Status of
 * a failed call.
 *
 * @module
 */
import assert from "node:assert/strict";
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
  type V1Pod,
  Watch,
} from "@kubernetes/client-node";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { ApiServer } from "../../lib/server/api_server.ts";
import { kubeconfigText } from "../../lib/server/kubeconfig.ts";

const NS = "shop";
/** The Deployment most tests make, as the typed clients name it. */
const WEB = { name: "web", namespace: "default" };
const NODES = ["node-a", "node-b"].map((name) =>
  `kind: Node\napiVersion: v1\nmetadata: { name: ${name} }\n` +
  `status: { capacity: { cpu: "8", memory: 16Gi, pods: "110" } }`
).join("\n---\n");

/**
 * Runs `fn` with a kubeconfig for a server on a free port over an in-memory cluster whose control
 * loops run, and that cluster (to check what the store holds).
 */
async function withClient(
  fn: (h: { cluster: Cluster; config: KubeConfig }) => Promise<void>,
): Promise<void> {
  const cluster = await Cluster.open();
  await cluster.apply(NODES);
  await cluster.start({ intervalMs: 20 });
  const server = new ApiServer(cluster);
  try {
    const config = new KubeConfig();
    config.loadFromString(kubeconfigText(await server.start({ port: 0 })));
    // client-node refuses a plain-http server unless the cluster says insecure-skip-tls-verify,
    // which kclone's kubeconfig leaves out (kubectl needs no such flag).
    config.clusters = config.clusters.map((c) => ({ ...c, skipTLSVerify: true }));
    await fn({ cluster, config });
  } finally {
    await server.stop();
    await cluster.close();
  }
}

/** Polls `probe` until it returns a value, or fails after `ms`. */
async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function deployment(name: string, replicas: number): V1Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
      },
    },
  };
}

/** Polls the pods labelled `app=web` in `namespace` until `count` of them are Running. */
function runningPods(core: CoreV1Api, namespace: string, count: number): Promise<V1Pod[]> {
  return until(`${count} Running pods`, async () => {
    const list = await core.listNamespacedPod({ namespace, labelSelector: "app=web" });
    const running = list.items.filter((p) => p.status?.phase === "Running");
    return running.length === count && list.items.length === count ? running : undefined;
  });
}

/** The Status body of a failed call, parsed. */
function statusOf(error: unknown): { code: number; reason: string; message: string } {
  assert.ok(error instanceof ApiException, `not an ApiException: ${error}`);
  return typeof error.body === "string" ? JSON.parse(error.body) : error.body;
}

Deno.test("client-node creates a namespace, a deployment and a service, and lists 3 Running pods", async () => {
  await withClient(async ({ cluster, config }) => {
    const core = config.makeApiClient(CoreV1Api);
    const apps = config.makeApiClient(AppsV1Api);
    const ns = await core.createNamespace({ body: { metadata: { name: NS } } });
    assert.equal(ns.metadata?.name, NS);
    assert.equal(ns.status?.phase, "Active");
    const created = await apps.createNamespacedDeployment({
      namespace: NS,
      body: deployment("web", 3),
    });
    assert.equal(created.metadata?.namespace, NS);
    assert.equal(created.spec?.replicas, 3);
    const service = await core.createNamespacedService({
      namespace: NS,
      body: {
        metadata: { name: "web" },
        spec: { selector: { app: "web" }, ports: [{ port: 80 }] },
      },
    });
    assert.match(service.spec?.clusterIP ?? "", /^\d+\.\d+\.\d+\.\d+$/);
    assert.equal(service.spec?.type, "ClusterIP");
    const running = await runningPods(core, NS, 3);
    for (const p of running) {
      assert.match(p.metadata?.name ?? "", /^web-[a-z0-9]+-[a-z0-9]{5}$/);
      assert.ok(["node-a", "node-b"].includes(p.spec?.nodeName ?? ""));
    }
    const stored = await cluster.list("Pod", { namespace: NS, labelSelector: "app=web" });
    assert.equal(stored.length, 3);
    assert.equal(
      (await cluster.get("Service", "web", { namespace: NS }))?.spec.clusterIP,
      service.spec?.clusterIP,
    );
  });
});

Deno.test("client-node's Watch sees ADDED, MODIFIED and DELETED for a pod created and deleted", async () => {
  await withClient(async ({ cluster, config }) => {
    const core = config.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: NS } } });
    const listed = await core.listNamespacedPod({ namespace: NS });
    const events: { type: string; name: string; phase?: string }[] = [];
    let ended: unknown = "open";
    const watch = await new Watch(config).watch(
      `/api/v1/namespaces/${NS}/pods`,
      { resourceVersion: listed.metadata?.resourceVersion },
      (type, object: V1Pod) =>
        events.push({ type, name: object.metadata?.name ?? "", phase: object.status?.phase }),
      (error) => ended = error,
    );
    try {
      await core.createNamespacedPod({
        namespace: NS,
        body: {
          metadata: { name: "solo" },
          spec: { containers: [{ name: "c", image: "busybox" }] },
        },
      });
      await until(
        "the pod Running in the watch",
        () => Promise.resolve(events.find((e) => e.type === "MODIFIED" && e.phase === "Running")),
      );
      await core.deleteNamespacedPod({ name: "solo", namespace: NS });
      await until("DELETED", () => Promise.resolve(events.find((e) => e.type === "DELETED")));
      assert.deepEqual(events[0], { type: "ADDED", name: "solo", phase: "Pending" });
      assert.equal(events.at(-1)?.type, "DELETED");
      assert.ok(events.every((e) => e.name === "solo"));
      assert.equal(ended, "open");
      assert.equal(await cluster.get("Pod", "solo", { namespace: NS }), undefined);
    } finally {
      watch.abort();
    }
  });
});

Deno.test("client-node patches a deployment by strategic merge, JSON merge and JSON patch", async () => {
  await withClient(async ({ cluster, config }) => {
    const apps = config.makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({ namespace: "default", body: deployment("web", 1) });
    const sidecar = { name: "sidecar", image: "envoy" };
    const strategic = await apps.patchNamespacedDeployment(
      { ...WEB, body: { spec: { template: { spec: { containers: [sidecar] } } } } },
      setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch),
    );
    // Strategic merge adds to the list of containers by name; a plain merge would replace it.
    // (Kubernetes puts the new entry first; kclone appends it, so only the set is checked.)
    assert.deepEqual(
      strategic.spec?.template.spec?.containers.map((c) => `${c.name}=${c.image}`).sort(),
      ["sidecar=envoy", "web=nginx:1.27"],
    );
    const merged = await apps.patchNamespacedDeployment(
      { ...WEB, body: { metadata: { labels: { tier: "front" } }, spec: { minReadySeconds: 3 } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    assert.deepEqual(merged.metadata?.labels, { app: "web", tier: "front" });
    assert.equal(merged.spec?.minReadySeconds, 3);
    const patched = await apps.patchNamespacedDeployment({
      ...WEB,
      body: [{ op: "replace", path: "/spec/revisionHistoryLimit", value: 2 }],
    });
    assert.equal(patched.spec?.revisionHistoryLimit, 2);
    const stored = await cluster.get("Deployment", "web");
    assert.deepEqual(stored?.metadata.labels, { app: "web", tier: "front" });
    assert.equal(stored?.spec.minReadySeconds, 3);
    assert.equal(stored?.spec.revisionHistoryLimit, 2);
    assert.equal(stored?.spec.template.spec.containers.length, 2);
  });
});

Deno.test("client-node reads and replaces a deployment's scale, and the pods follow", async () => {
  await withClient(async ({ cluster, config }) => {
    const apps = config.makeApiClient(AppsV1Api);
    const core = config.makeApiClient(CoreV1Api);
    await apps.createNamespacedDeployment({ namespace: "default", body: deployment("web", 3) });
    const scale = await apps.readNamespacedDeploymentScale(WEB);
    assert.equal(scale.kind, "Scale");
    assert.equal(scale.apiVersion, "autoscaling/v1");
    assert.equal(scale.spec?.replicas, 3);
    const replaced = await apps.replaceNamespacedDeploymentScale({
      ...WEB,
      body: { ...scale, spec: { replicas: 5 } },
    });
    assert.equal(replaced.spec?.replicas, 5);
    assert.equal((await cluster.get("Deployment", "web"))?.spec.replicas, 5);
    assert.equal((await runningPods(core, "default", 5)).length, 5);
  });
});

Deno.test("client-node deletes a deployment with propagationPolicy Background and its pods go too", async () => {
  await withClient(async ({ cluster, config }) => {
    const apps = config.makeApiClient(AppsV1Api);
    const core = config.makeApiClient(CoreV1Api);
    await apps.createNamespacedDeployment({ namespace: "default", body: deployment("web", 2) });
    await runningPods(core, "default", 2);
    const deleted = await apps.deleteNamespacedDeployment({
      ...WEB,
      propagationPolicy: "Background",
    });
    assert.equal(deleted.kind, "Status");
    assert.equal(deleted.status, "Success");
    assert.equal(deleted.details?.name, "web");
    assert.equal(deleted.details?.group, "apps");
    assert.equal(deleted.details?.kind, "deployments");
    await until("the deployment gone", async () => {
      try {
        await apps.readNamespacedDeployment(WEB);
        return undefined;
      } catch (error) {
        return statusOf(error).code === 404 ? true : undefined;
      }
    });
    await until("no pods", async () => {
      const list = await core.listNamespacedPod({ namespace: "default", labelSelector: "app=web" });
      return list.items.length === 0 ? true : undefined;
    });
    assert.equal(await cluster.get("Deployment", "web"), undefined);
    assert.deepEqual(await cluster.list("ReplicaSet", { namespace: "default" }), []);
  });
});

Deno.test("a 404 from client-node carries Kubernetes' Status", async () => {
  await withClient(async ({ config }) => {
    const core = config.makeApiClient(CoreV1Api);
    const error = await core.readNamespacedPod({ name: "nope", namespace: "default" }).then(
      () => assert.fail("read of a missing pod succeeded"),
      (error: unknown) => error,
    );
    assert.ok(error instanceof ApiException);
    assert.equal(error.code, 404);
    assert.deepEqual(statusOf(error), {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'pods "nope" not found',
      reason: "NotFound",
      details: { name: "nope", kind: "pods" },
      code: 404,
    });
  });
});

Deno.test("client-node's generic KubernetesObjectApi creates, reads, lists, patches and deletes", async () => {
  await withClient(async ({ cluster, config }) => {
    const client = KubernetesObjectApi.makeApiClient(config);
    const ref = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "db", namespace: "default" },
    };
    const spec = { selector: { app: "db" }, ports: [{ port: 5432 }] };
    const created = await client.create({ ...ref, spec } as KubernetesObject);
    assert.equal(created.metadata?.name, "db");
    assert.equal((await cluster.get("Service", "db"))?.metadata.uid, created.metadata?.uid);
    assert.equal((await client.read(ref)).metadata?.uid, created.metadata?.uid);
    const list = await client.list("v1", "Service", "default");
    assert.deepEqual(list.items.map((s) => s.metadata?.name), ["db"]);
    const labelled = { ...ref, metadata: { ...ref.metadata, labels: { tier: "data" } } };
    const patched = await client.patch(
      labelled,
      undefined,
      undefined,
      undefined,
      undefined,
      PatchStrategy.MergePatch,
    );
    assert.deepEqual(patched.metadata?.labels, { tier: "data" });
    await client.delete(ref);
    assert.equal(await cluster.get("Service", "db"), undefined);
  });
});
