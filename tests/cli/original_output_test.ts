import assert from "node:assert/strict";
import type { Endpoints, Pod } from "../../lib/api/types.ts";
import { nodeUsage } from "../../lib/cluster/node_usage.ts";
import { bannerLines, showBanner } from "../../lib/cli/original/banner.ts";
import { evictionReport } from "../../lib/cli/original/eviction_report.ts";
import { nodeStatusText } from "../../lib/cli/original/node_status.ts";
import { nodesTable } from "../../lib/cli/original/nodes_table.ts";
import { placementLines } from "../../lib/cli/original/placement.ts";
import { podsTable } from "../../lib/cli/original/pods_table.ts";
import { endpointsText, servicesTable } from "../../lib/cli/original/services_table.ts";
import { statusSummary } from "../../lib/cli/original/status_summary.ts";
import { makeNode, makePod, makeService } from "../_fixtures.ts";

const running = (name: string, node: string, extra: Partial<Pod["metadata"]> = {}): Pod =>
  makePod(name, {
    cpu: "1",
    memory: "128Mi",
    nodeName: node,
    overrides: { metadata: { uid: `uid-${name}`, ...extra }, status: { phase: "Running" } },
  });

Deno.test("nodeStatusText() prints STATUS as kubectl does", () => {
  const cases: [ReturnType<typeof makeNode>, string][] = [
    [makeNode("a"), "Ready"],
    [makeNode("a", { ready: false }), "NotReady"],
    [makeNode("a", { overrides: { status: { conditions: [] } } }), "Unknown"],
    [makeNode("a", { overrides: { spec: { unschedulable: true } } }), "Ready,SchedulingDisabled"],
  ];
  for (const [node, text] of cases) assert.equal(nodeStatusText(node), text);
});

Deno.test("nodesTable() shows requested/allocatable CPU, memory and pods", () => {
  const nodes = [makeNode("node-a"), makeNode("node-b", { cpu: "2", memory: "4096Mi" })];
  const pods = [running("web-1", "node-a"), running("web-2", "node-a")];
  assert.equal(
    nodesTable(nodes, nodeUsage(nodes, pods)),
    [
      "NAME     STATUS   CPU(REQ/ALLOC)   MEMORY(REQ/ALLOC)   PODS",
      "node-a   Ready    2/4              256Mi/8Gi           2/110",
      "node-b   Ready    0/2              0/4Gi               0/110",
    ].join("\n"),
  );
  assert.equal(nodesTable([], []), "No resources found.");
});

Deno.test("podsTable() lists UID, name, image, phase and node, by name", () => {
  const pending = makePod("api", { image: "api:2", overrides: { metadata: { uid: "uid-api" } } });
  assert.equal(
    podsTable([running("web", "node-a"), pending], "default"),
    [
      "UID       NAME   IMAGE        PHASE     NODE",
      "uid-api   api    api:2        Pending   <none>",
      "uid-web   web    nginx:1.27   Running   node-a",
    ].join("\n"),
  );
  assert.equal(podsTable([], "dev"), "No resources found in dev namespace.");
});

Deno.test("servicesTable() shows ports, up to three endpoints and the selector", () => {
  const web = makeService("web", {
    type: "NodePort",
    overrides: { spec: { clusterIP: "10.96.1.1", ports: [{ port: 80, nodePort: 30080 }] } },
  });
  const endpoints: Endpoints = {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name: "web", namespace: "default" },
    subsets: [{
      addresses: ["10.244.0.2", "10.244.0.3", "10.244.0.4", "10.244.0.5"].map((ip) => ({ ip })),
      ports: [{ port: 8080 }],
    }],
  };
  assert.equal(
    servicesTable([web], [endpoints], "default"),
    [
      "NAME   TYPE       CLUSTER-IP   PORT(S)        ENDPOINTS                                                     SELECTOR",
      "web    NodePort   10.96.1.1    80:30080/TCP   10.244.0.2:8080,10.244.0.3:8080,10.244.0.4:8080 + 1 more...   app=web",
    ].join("\n"),
  );
  assert.equal(endpointsText(undefined), "<none>");
});

Deno.test("statusSummary() adds up the nodes and counts pods by phase", () => {
  const nodes = [makeNode("node-a"), makeNode("node-b", { ready: false })];
  const pods = [running("web-1", "node-a"), running("web-2", "node-a"), makePod("api")];
  assert.deepEqual(statusSummary(nodes, pods), [
    "RESOURCE   REQUESTED   ALLOCATABLE   CAPACITY   USED",
    "cpu        2           8             8          25%",
    "memory     256Mi       16Gi          16Gi       1%",
    "pods       2           220           220        0%",
    "",
    "Nodes: 2 (1 Ready, 1 NotReady)",
    "Pods: 3 (Pending 1, Running 2, Succeeded 0, Failed 0, Unknown 0)",
  ]);
});

Deno.test("placementLines() says where each pod went, or why it waits", () => {
  const waiting = makePod("web-2", {
    overrides: {
      status: {
        conditions: [{
          type: "PodScheduled",
          status: "False",
          reason: "Unschedulable",
          message: "0/1 nodes are available: 1 Insufficient cpu.",
        }],
      },
    },
  });
  assert.deepEqual(placementLines([waiting, running("web-1", "node-a"), makePod("web-3")]), [
    "pod/web-1 assigned to node-a",
    "pod/web-2 Pending: 0/1 nodes are available: 1 Insufficient cpu.",
    "pod/web-3 Pending",
  ]);
});

Deno.test("evictionReport() pairs each evicted pod with its replacement", () => {
  const owned = (uid: string) => ({
    ownerReferences: [{
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      name: "web",
      uid,
      controller: true,
    }],
  });
  const old1 = running("web-1", "node-a", owned("rs"));
  const old2 = running("web-2", "node-a", owned("rs"));
  const bare = running("solo", "node-a");
  const new1 = running("web-3", "node-b", owned("rs"));
  const new2 = makePod("web-4", { overrides: { metadata: { uid: "uid-web-4", ...owned("rs") } } });
  assert.deepEqual(
    evictionReport([old1, old2, bare], [old1, old2, bare], [new1, new2]),
    [
      "pod/solo evicted, not replaced (no controller)",
      "pod/web-1 evicted, replaced by pod/web-3 on node-b",
      "pod/web-2 evicted, replaced by pod/web-4 (Pending)",
    ],
  );
});

Deno.test("showBanner() prints plainly at once, or coloured row by row", async () => {
  const plain: string[] = [];
  const waits: number[] = [];
  await showBanner((line) => plain.push(line), {
    sleep: (ms) => (waits.push(ms), Promise.resolve()),
  });
  assert.deepEqual(plain, bannerLines());
  assert.deepEqual(waits, [] as number[]);
  assert.ok(plain.every((line) => !line.includes("\x1b")));
  assert.equal(plain[4], "|_|\\_\\ \\___||_| \\___/ |_| |_| \\___|");

  const coloured: string[] = [];
  await showBanner((line) => coloured.push(line), {
    animate: true,
    color: true,
    sleep: (ms) => (waits.push(ms), Promise.resolve()),
  });
  assert.equal(coloured.length, 6);
  assert.ok(coloured.every((line) => line.startsWith("\x1b[1;38;5;") && line.endsWith("\x1b[0m")));
  assert.deepEqual(waits, [70, 70, 70, 70, 70], "five pauses: under half a second");
});
