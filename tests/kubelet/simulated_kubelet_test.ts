import assert from "node:assert/strict";
import { nodeIpamController } from "../../lib/controllers/node_ipam.ts";
import { simulatedKubelet } from "../../lib/kubelet/simulated_kubelet.ts";
import { makeNode, makePod } from "../_fixtures.ts";
import { nodePlane, setKubelet } from "./_node_plane.ts";

const T0 = "2026-01-01T00:00:00Z";

function kubeletPlane() {
  return nodePlane([nodeIpamController(), simulatedKubelet()]);
}

async function podIPs(plane: ReturnType<typeof kubeletPlane>, names: string[]) {
  return await Promise.all(names.map(async (n) => (await plane.pod(n))?.status?.podIP));
}

Deno.test("simulatedKubelet() starts bound pods with IPs of their node's pod CIDR", async () => {
  const t = kubeletPlane();
  await t.store.create(makeNode("node-a"));
  await t.store.create(makeNode("node-b"));
  for (const name of ["web-1", "web-2", "web-3"]) {
    await t.store.create(makePod(name, { nodeName: "node-a" }));
  }
  await t.store.create(makePod("db", { nodeName: "node-b" }));
  await t.store.create(makePod("unbound"));
  await t.settle();

  // .0 is the network and .1 the gateway: the first pod gets .2.
  assert.deepEqual(await podIPs(t, ["web-1", "web-2", "web-3", "db"]), [
    "10.244.0.2",
    "10.244.0.3",
    "10.244.0.4",
    "10.244.1.2",
  ]);
  assert.equal((await t.pod("unbound"))?.status, undefined);
  const pod = (await t.pod("web-1"))!;
  const uid = pod.metadata.uid;
  const condition = (type: string) => ({
    type,
    status: "True",
    lastProbeTime: null,
    lastTransitionTime: T0,
  });
  assert.deepEqual(pod.status, {
    phase: "Running",
    conditions: ["Initialized", "Ready", "ContainersReady", "PodScheduled"].map(condition),
    hostIP: "172.18.0.2",
    podIP: "10.244.0.2",
    podIPs: [{ ip: "10.244.0.2" }],
    startTime: T0,
    containerStatuses: [{
      name: "web-1",
      state: { running: { startedAt: T0 } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: "nginx:1.27",
      imageID: "nginx@sha256:cd4495bb73de9b01bf009710b80ecf4be2d298db47492f4e9e7d0b04981c4614",
      containerID: `kclone://${uid}/web-1`,
      started: true,
    }],
  });
  assert.equal((await t.pod("db"))?.status?.hostIP, "172.18.0.3");
});

Deno.test("simulatedKubelet() gives a freed pod IP to the next pod", async () => {
  const t = kubeletPlane();
  await t.store.create(makeNode("node-a"));
  for (const name of ["web-1", "web-2", "web-3"]) {
    await t.store.create(makePod(name, { nodeName: "node-a" }));
  }
  await t.settle();
  await t.store.delete("Pod", "default", "web-2");
  await t.store.create(makePod("web-4", { nodeName: "node-a" }));
  await t.settle();
  assert.deepEqual(await podIPs(t, ["web-1", "web-3", "web-4"]), [
    "10.244.0.2",
    "10.244.0.4",
    "10.244.0.3",
  ]);
});

Deno.test("simulatedKubelet() renews the node Lease every 10 s and writes the Node only on change", async () => {
  const t = kubeletPlane();
  await t.store.create(makeNode("node-a"));
  await t.settle();
  const lease = async () => (await t.store.get("Lease", "kube-node-lease", "node-a"))?.spec;
  const nodeVersion = async () =>
    (await t.store.get("Node", undefined, "node-a"))?.metadata.resourceVersion;
  assert.deepEqual(await lease(), {
    holderIdentity: "node-a",
    leaseDurationSeconds: 40,
    renewTime: "2026-01-01T00:00:00.000000Z",
  });
  const version = await nodeVersion();
  await t.advance(9_999);
  assert.equal((await lease())?.renewTime, "2026-01-01T00:00:00.000000Z");
  await t.advance(1);
  assert.equal((await lease())?.renewTime, "2026-01-01T00:00:10.000000Z");
  await t.advance(10_000);
  assert.equal((await lease())?.renewTime, "2026-01-01T00:00:20.000000Z");
  assert.equal(await nodeVersion(), version);
  assert.equal(t.plane.nextDue(), Date.UTC(2026, 0, 1, 0, 0, 30));
});

Deno.test("simulatedKubelet() posts Ready, addresses, nodeInfo and allocatable for its node", async () => {
  const t = kubeletPlane();
  await t.store.create({
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: "node-a" },
    status: { capacity: { cpu: "4", memory: "8Gi", pods: "110" } },
  });
  await t.settle();
  const node = (await t.store.get("Node", undefined, "node-a"))!;
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: T0,
    lastTransitionTime: T0,
  });
  assert.deepEqual(node.status?.conditions, [
    condition(
      "MemoryPressure",
      "False",
      "KubeletHasSufficientMemory",
      "kubelet has sufficient memory available",
    ),
    condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
    condition(
      "PIDPressure",
      "False",
      "KubeletHasSufficientPID",
      "kubelet has sufficient PID available",
    ),
    condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
  ]);
  assert.deepEqual(node.status?.addresses, [
    { type: "InternalIP", address: "172.18.0.2" },
    { type: "Hostname", address: "node-a" },
  ]);
  assert.deepEqual(node.status?.allocatable, { cpu: "4", memory: "8Gi", pods: "110" });
  assert.equal(node.status?.nodeInfo?.kubeletVersion, "v0.1.0-kclone");
  assert.equal(node.status?.nodeInfo?.operatingSystem, "linux");
  assert.deepEqual(await t.events(), ["NodeReady: Node node-a status is now: NodeReady"]);
});

Deno.test("simulatedKubelet() starts no pod before IPAM gave the node a pod CIDR", async () => {
  const t = nodePlane([simulatedKubelet()]);
  await t.store.create(makeNode("node-a"));
  await t.store.create(makePod("web", { nodeName: "node-a" }));
  await t.settle();
  assert.equal((await t.pod("web"))?.status, undefined);
  const node = (await t.store.get("Node", undefined, "node-a"))!;
  await t.store.update({ ...node, spec: { podCIDR: "10.244.7.0/24" } });
  await t.settle();
  assert.equal((await t.pod("web"))?.status?.podIP, "10.244.7.2");
  assert.equal((await t.pod("web"))?.status?.hostIP, "172.18.0.9");
});

Deno.test("simulatedKubelet() leaves nodes with a stopped kubelet or a real agent alone", async () => {
  const t = kubeletPlane();
  for (const [name, mode] of [["node-a", "stopped"], ["node-b", "agent"]] as const) {
    await t.store.create(makeNode(name));
    await setKubelet(t.store, name, mode);
    await t.store.create(makePod(`web-${name}`, { nodeName: name }));
  }
  await t.settle();
  assert.deepEqual((await t.store.list("Lease")).items, []);
  assert.equal((await t.pod("web-node-a"))?.status, undefined);
  assert.equal((await t.pod("web-node-b"))?.status, undefined);
  assert.deepEqual(await t.events(), []);
});

Deno.test("simulatedKubelet() removes a pod marked for deletion", async () => {
  const t = kubeletPlane();
  await t.store.create(makeNode("node-a"));
  await t.store.create(makePod("web", { nodeName: "node-a" }));
  await t.settle();
  const pod = (await t.pod("web"))!;
  await t.store.update({ ...pod, metadata: { ...pod.metadata, deletionTimestamp: T0 } });
  await t.settle();
  assert.equal(await t.pod("web"), undefined);
});
