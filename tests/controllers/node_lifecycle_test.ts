import assert from "node:assert/strict";
import type { Node, Toleration } from "../../lib/api/types.ts";
import { garbageCollector } from "../../lib/controllers/garbage_collector.ts";
import { nodeIpamController } from "../../lib/controllers/node_ipam.ts";
import { nodeLifecycleController } from "../../lib/controllers/node_lifecycle.ts";
import {
  evictionTime,
  toleratesTaint,
  withDefaultTolerations,
} from "../../lib/controllers/_node_taint_eviction.ts";
import { simulatedKubelet } from "../../lib/kubelet/simulated_kubelet.ts";
import { makeNode, makePod } from "../_fixtures.ts";
import { nodePlane, setKubelet } from "../kubelet/_node_plane.ts";

const UNREACHABLE = "node.kubernetes.io/unreachable";

/** node-a runs web (default tolerations) and quick (tolerates unreachable 5 s); node-b runs db. */
async function cluster() {
  const t = nodePlane([
    nodeIpamController(),
    simulatedKubelet(),
    nodeLifecycleController(),
    garbageCollector,
  ]);
  await t.store.create(makeNode("node-a"));
  await t.store.create(makeNode("node-b"));
  const quick: Toleration = {
    key: UNREACHABLE,
    operator: "Exists",
    effect: "NoExecute",
    tolerationSeconds: 5,
  };
  const forever: Toleration = { key: UNREACHABLE, operator: "Exists", effect: "NoExecute" };
  await t.store.create(makePod("web", { nodeName: "node-a" }));
  await t.store.create(
    makePod("quick", { nodeName: "node-a", overrides: { spec: { tolerations: [quick] } } }),
  );
  await t.store.create(
    makePod("stays", { nodeName: "node-a", overrides: { spec: { tolerations: [forever] } } }),
  );
  await t.store.create(makePod("db", { nodeName: "node-b" }));
  await t.settle();
  const node = async (name = "node-a") => (await t.store.get("Node", undefined, name))!;
  const ready = async (name = "node-a") =>
    (await node(name)).status?.conditions?.find((c) => c.type === "Ready");
  const pods = async () => (await t.store.list("Pod")).items.map((p) => p.metadata.name).sort();
  return { ...t, node, ready, pods };
}

const taintsOf = (node: Node) => node.spec?.taints;

Deno.test("nodeLifecycleController() marks a node Unknown and unreachable 40 s after its kubelet stopped", async () => {
  const t = await cluster();
  await setKubelet(t.store, "node-a", "stopped"); // last heartbeat: 00:00:00
  await t.advance(39_999);
  assert.equal((await t.ready())?.status, "True");
  assert.equal(taintsOf(await t.node()), undefined);
  await t.advance(1);
  assert.deepEqual(await t.ready(), {
    type: "Ready",
    status: "Unknown",
    reason: "NodeStatusUnknown",
    message: "Kubelet stopped posting node status.",
    lastHeartbeatTime: "2026-01-01T00:00:00Z",
    lastTransitionTime: "2026-01-01T00:00:40Z",
  });
  const conditions = (await t.node()).status?.conditions?.map((c) => `${c.type}=${c.status}`);
  assert.deepEqual(conditions, [
    "MemoryPressure=Unknown",
    "DiskPressure=Unknown",
    "PIDPressure=Unknown",
    "Ready=Unknown",
  ]);
  assert.deepEqual(taintsOf(await t.node()), [
    { key: UNREACHABLE, effect: "NoSchedule" },
    { key: UNREACHABLE, effect: "NoExecute", timeAdded: "2026-01-01T00:00:40Z" },
  ]);
  assert.equal((await t.ready("node-b"))?.status, "True");
  const web = await t.pod("web");
  assert.equal(web?.status?.conditions?.find((c) => c.type === "Ready")?.status, "False");
  const events = await t.events();
  assert.ok(events.includes("NodeNotReady: Node node-a status is now: NodeNotReady"), `${events}`);
  assert.ok(events.includes("NodeNotReady: Node is not ready"), `${events}`);
});

Deno.test("nodeLifecycleController() evicts pods from an unreachable node when their toleration runs out", async () => {
  const t = await cluster();
  await setKubelet(t.store, "node-a", "stopped");
  await t.advance(40_000); // tainted at 00:00:40
  assert.deepEqual(await t.pods(), ["db", "quick", "stays", "web"]);
  await t.advance(4_999);
  assert.deepEqual(await t.pods(), ["db", "quick", "stays", "web"]);
  await t.advance(1); // 5 s after the taint: quick goes
  assert.deepEqual(await t.pods(), ["db", "stays", "web"]);
  await t.advance(294_000); // 299 s after the taint
  assert.deepEqual(await t.pods(), ["db", "stays", "web"]);
  await t.advance(1_000); // 300 s, the default toleration: web goes; stays tolerates for good
  assert.deepEqual(await t.pods(), ["db", "stays"]);
  const evictions = (await t.events()).filter((e) => e.startsWith("TaintManagerEviction"));
  assert.deepEqual(evictions, [
    "TaintManagerEviction: Marking for deletion Pod default/quick",
    "TaintManagerEviction: Marking for deletion Pod default/web",
  ]);
  await t.advance(3_600_000);
  assert.deepEqual(await t.pods(), ["db", "stays"]);
});

Deno.test("nodeLifecycleController() makes a node whose kubelet came back Ready and untainted", async () => {
  const t = await cluster();
  await setKubelet(t.store, "node-a", "stopped");
  await t.advance(60_000); // one step: tainted at 00:01:00, so quick would go at 00:01:05
  assert.equal((await t.ready())?.status, "Unknown");
  await setKubelet(t.store, "node-a");
  await t.settle();
  assert.deepEqual(await t.ready(), {
    type: "Ready",
    status: "True",
    reason: "KubeletReady",
    message: "kubelet is posting ready status",
    lastHeartbeatTime: "2026-01-01T00:01:00Z",
    lastTransitionTime: "2026-01-01T00:01:00Z",
  });
  assert.equal(taintsOf(await t.node()), undefined);
  const web = await t.pod("web");
  assert.equal(web?.status?.conditions?.find((c) => c.type === "Ready")?.status, "True");
  const events = await t.events();
  assert.deepEqual(events.filter((e) => e.startsWith("TaintManagerEviction")), [
    "TaintManagerEviction: Cancelling deletion of Pod default/quick",
    "TaintManagerEviction: Cancelling deletion of Pod default/web",
  ]);
  await t.advance(600_000); // nothing is evicted later
  assert.deepEqual(await t.pods(), ["db", "quick", "stays", "web"]);
});

Deno.test("nodeLifecycleController() deletes the pods of a deleted node at once (and GC its Lease)", async () => {
  const t = await cluster();
  await t.store.delete("Node", undefined, "node-a");
  await t.settle();
  assert.deepEqual(await t.pods(), ["db"]);
  const leases = (await t.store.list("Lease")).items.map((l) => l.metadata.name);
  assert.deepEqual(leases, ["node-b"]);
});

Deno.test("nodeLifecycleController() waits the grace period after creation for a kubelet that never posted", async () => {
  const t = nodePlane([nodeLifecycleController()]);
  await t.store.create({ apiVersion: "v1", kind: "Node", metadata: { name: "node-a" } });
  await t.advance(39_000);
  assert.equal((await t.store.get("Node", undefined, "node-a"))?.status, undefined);
  await t.advance(1_000);
  const node = (await t.store.get("Node", undefined, "node-a"))!;
  assert.deepEqual(node.status?.conditions?.[3], {
    type: "PIDPressure",
    status: "Unknown",
    reason: "NodeStatusNeverUpdated",
    message: "Kubelet never posted node status.",
    lastHeartbeatTime: "2026-01-01T00:00:00Z",
    lastTransitionTime: "2026-01-01T00:00:40Z",
  });
  assert.deepEqual(node.status?.conditions?.map((c) => c.type), [
    "Ready",
    "MemoryPressure",
    "DiskPressure",
    "PIDPressure",
  ]);
  assert.equal(node.spec?.taints?.length, 2);
});

Deno.test("nodeLifecycleController() follows its options and taints a cordoned node unschedulable", async () => {
  const t = nodePlane([
    nodeLifecycleController({
      nodeMonitorGracePeriodMs: 5_000,
      defaultUnreachableTolerationSeconds: 10,
    }),
  ]);
  await t.store.create(makeNode("node-a", { overrides: { spec: { unschedulable: true } } }));
  await t.store.create(makePod("web", { nodeName: "node-a" }));
  await t.settle();
  assert.deepEqual(taintsOf((await t.store.get("Node", undefined, "node-a"))!), [
    { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" },
  ]);
  await t.advance(5_000);
  assert.equal((await t.store.get("Node", undefined, "node-a"))?.spec?.taints?.length, 3);
  await t.advance(9_000);
  assert.ok(await t.pod("web"));
  await t.advance(1_000);
  assert.equal(await t.pod("web"), undefined);
});

Deno.test("nodeLifecycleController() keeps nodes with live kubelets Ready across a long clock jump", async () => {
  // The kubelet runs before the lifecycle controller, so it renews before anyone looks.
  const t = await cluster();
  await t.advance(3_600_000);
  assert.equal((await t.ready())?.status, "True");
  assert.equal(taintsOf(await t.node()), undefined);
  assert.ok(!(await t.events()).some((e) => e.startsWith("NodeNotReady")));
});

Deno.test("nodeLifecycleController() evicts pods that do not tolerate a NoExecute taint at once", async () => {
  const t = await cluster();
  const node = await t.node();
  const taint = { key: "maintenance", value: "yes", effect: "NoExecute" as const };
  await t.store.update({ ...node, spec: { ...node.spec, taints: [taint] } });
  await t.settle();
  assert.deepEqual(await t.pods(), ["db"]);
  assert.deepEqual(taintsOf(await t.node()), [{ ...taint, timeAdded: "2026-01-01T00:00:00Z" }]);
});

Deno.test("toleratesTaint() matches key, value, effect and operator as Kubernetes does", () => {
  const taint = { key: "dedicated", value: "gpu", effect: "NoExecute" as const };
  const cases: [Toleration, boolean][] = [
    [{ key: "dedicated", value: "gpu" }, true], // operator Equal by default, any effect
    [{ key: "dedicated", value: "cpu" }, false],
    [{ key: "dedicated", operator: "Exists", effect: "NoExecute" }, true],
    [{ key: "dedicated", operator: "Exists", effect: "NoSchedule" }, false],
    [{ operator: "Exists" }, true], // empty key with Exists tolerates everything
    [{ key: "other", operator: "Exists" }, false],
  ];
  for (const [toleration, want] of cases) {
    assert.equal(toleratesTaint(toleration, taint), want, JSON.stringify(toleration));
  }
  const numeric = { key: "level", value: "5", effect: "NoExecute" as const };
  assert.equal(toleratesTaint({ key: "level", operator: "Gt", value: "3" }, numeric), true);
  assert.equal(toleratesTaint({ key: "level", operator: "Lt", value: "3" }, numeric), false);
});

Deno.test("withDefaultTolerations() adds 300 s for not-ready and unreachable unless the pod has its own", () => {
  const seconds = { notReady: 300, unreachable: 300 };
  assert.deepEqual(withDefaultTolerations(undefined, seconds), [
    {
      key: "node.kubernetes.io/not-ready",
      operator: "Exists",
      effect: "NoExecute",
      tolerationSeconds: 300,
    },
    { key: UNREACHABLE, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
  ]);
  const own: Toleration = { key: UNREACHABLE, operator: "Exists", tolerationSeconds: 5 };
  assert.deepEqual(withDefaultTolerations([own], seconds).map((t) => t.key), [
    UNREACHABLE,
    "node.kubernetes.io/not-ready",
  ]);
  assert.deepEqual(withDefaultTolerations([{ operator: "Exists" }], seconds), [{
    operator: "Exists",
  }]);
});

Deno.test("evictionTime() counts each toleration from its taint's timeAdded", () => {
  const at = (s: number) => Date.UTC(2026, 0, 1, 0, 0, s);
  const clock = { now: at(50), defaults: { notReady: 300, unreachable: 300 } };
  const unreachable = {
    key: UNREACHABLE,
    effect: "NoExecute" as const,
    timeAdded: "2026-01-01T00:00:40Z",
  };
  const other = {
    key: "maintenance",
    effect: "NoExecute" as const,
    timeAdded: "2026-01-01T00:00:45Z",
  };
  const pod = (tolerations?: Toleration[]) =>
    makePod("web", { overrides: { spec: { tolerations } } });
  const cases: [string, Toleration[] | undefined, number | undefined][] = [
    ["default 300 s", undefined, at(340)],
    ["own 5 s", [{ key: UNREACHABLE, operator: "Exists", tolerationSeconds: 5 }], at(45)],
    ["own 0 s", [{ key: UNREACHABLE, operator: "Exists", tolerationSeconds: 0 }], at(40)],
    ["forever", [{ key: UNREACHABLE, operator: "Exists" }], undefined],
  ];
  for (const [name, tolerations, want] of cases) {
    assert.equal(evictionTime(pod(tolerations), [unreachable], clock), want, name);
  }
  // Not tolerated at all: due at once.
  assert.equal(evictionTime(pod(), [unreachable, other], clock), 0);
  const both: Toleration[] = [{ key: "maintenance", operator: "Exists", tolerationSeconds: 10 }];
  assert.equal(evictionTime(pod(both), [unreachable, other], clock), at(55));
});
