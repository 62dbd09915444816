import assert from "node:assert/strict";
import type { Endpoints } from "../../lib/api/types.ts";
import { MemoryStore } from "../../lib/store/memory.ts";
import { loggedStore } from "../../lib/cli/original/action_log.ts";
import { databaseContents } from "../../lib/cli/original/database_contents.ts";
import { describeWrite } from "../../lib/cli/original/describe_write.ts";
import { ensureSystemNamespaces } from "../../lib/cluster/namespaces.ts";
import { makeDeployment, makeNode, makePod, makeReplicaSet } from "../_fixtures.ts";

Deno.test("describeWrite() says what a write did, in Kubernetes terms", () => {
  const pending = makePod("web-1");
  const bound = makePod("web-1", { nodeName: "node-a" });
  const running = makePod("web-1", {
    nodeName: "node-a",
    overrides: { status: { phase: "Running", podIP: "10.244.0.2" } },
  });
  const unschedulable = makePod("web-1", {
    overrides: {
      status: {
        conditions: [{
          type: "PodScheduled",
          status: "False",
          message: "0/1 nodes are available: 1 Insufficient cpu.",
        }],
      },
    },
  });
  const tainted = makeNode("node-a", {
    ready: false,
    taints: [{ key: "node.kubernetes.io/unreachable", effect: "NoExecute" }],
  });
  const endpoints = (ips: string[]): Endpoints => ({
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name: "web", namespace: "default" },
    subsets: ips.length ? [{ addresses: ips.map((ip) => ({ ip })), ports: [{ port: 80 }] }] : [],
  });
  const cases: [Parameters<typeof describeWrite>, string[]][] = [
    [[undefined, makeReplicaSet("web-5d9")], ["replicaset default/web-5d9 created"]],
    [[pending, undefined], ["pod default/web-1 deleted"]],
    [[pending, bound], ["pod default/web-1 bound to node-a"]],
    [[bound, running], ["pod default/web-1 Running (10.244.0.2)"]],
    [[pending, unschedulable], [
      "pod default/web-1 unschedulable: 0/1 nodes are available: 1 Insufficient cpu.",
    ]],
    [[unschedulable, unschedulable], []],
    [[makeReplicaSet("web", { replicas: 1 }), makeReplicaSet("web", { replicas: 3 })], [
      "replicaset default/web scaled from 1 to 3",
    ]],
    [[makeNode("node-a"), tainted], [
      "node node-a NotReady",
      "node node-a tainted node.kubernetes.io/unreachable:NoExecute",
    ]],
    [[tainted, makeNode("node-a")], [
      "node node-a Ready",
      "node node-a untainted node.kubernetes.io/unreachable:NoExecute",
    ]],
    [[
      makeNode("node-a"),
      makeNode("node-a", { overrides: { spec: { podCIDR: "10.244.1.0/24" } } }),
    ], [
      "node node-a given pod CIDR 10.244.1.0/24",
    ]],
    [[undefined, endpoints(["10.244.0.2"])], ["endpoints default/web created: 10.244.0.2:80"]],
    [[endpoints(["10.244.0.2"]), endpoints([])], ["endpoints default/web: <none>"]],
    [
      [makeDeployment("web"), makeDeployment("web", { overrides: { status: { replicas: 3 } } })],
      [],
    ],
    [[undefined, { apiVersion: "v1", kind: "Event", metadata: { name: "e" } }], []],
  ];
  for (const [[before, after], lines] of cases) {
    assert.deepEqual(describeWrite(before, after), lines);
  }
});

Deno.test("loggedStore() logs each write once it succeeded, batches included", async () => {
  const lines: string[] = [];
  const store = loggedStore(new MemoryStore(), (line) => lines.push(line));
  await store.create(makeNode("node-a"));
  const pod = await store.create(makePod("web-1"));
  await store.update({ ...pod, spec: { ...pod.spec, nodeName: "node-a" } });
  await assert.rejects(store.create(makePod("web-1")));
  await store.batch([
    { op: "create", object: makePod("web-2") },
    { op: "delete", kind: "Pod", namespace: "default", name: "web-1" },
  ]);
  await store.delete("Node", undefined, "node-a");
  assert.deepEqual(lines, [
    "node node-a created",
    "pod default/web-1 created",
    "pod default/web-1 bound to node-a",
    "pod default/web-2 created",
    "pod default/web-1 deleted",
    "node node-a deleted",
  ]);
  assert.equal((await store.list("Pod")).items.length, 1, "reads pass through");
  await store.close();
});

Deno.test("databaseContents() ignores the system namespaces and counts the rest", async () => {
  const store = new MemoryStore();
  await ensureSystemNamespaces(store);
  assert.deepEqual(await databaseContents(store), []);
  await store.create(makeNode("node-a"));
  await store.create(makePod("web-1"));
  await store.create(makePod("web-2"));
  await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
  assert.deepEqual(await databaseContents(store), ["namespaces: 1", "nodes: 1", "pods: 2"]);
  await store.close();
});
