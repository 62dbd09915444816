import assert from "node:assert/strict";
import type { Event, Pod, ReplicaSet } from "../../lib/api/types.ts";
import type { ScheduleExplanation } from "../../lib/scheduler/types.ts";
import {
  alignTabs,
  describeDeployment,
  describeNode,
  describePod,
  describeService,
  explainScheduleLines,
  rfc1123z,
  schedulingSummaryLines,
} from "../../lib/cli/printers/mod.ts";
import { makeDeployment, makeNode, makePod, makeService } from "../_fixtures.ts";

const NOW = Date.parse("2026-01-01T01:00:00Z");
const HOUR_AGO = "2026-01-01T00:00:00Z";

Deno.test("alignTabs() aligns column blocks as Go's tabwriter does", () => {
  assert.deepEqual(
    alignTabs([
      "Name:\tweb",
      "Labels:\tapp=web",
      "\ttier=front",
      "Containers:", // no tab: ends the block
      "  web:",
      "    Image:\tnginx",
      "    Port:\t<none>",
      "Events:",
      "Type\tA\t\tB",
      "----\t-\t\t-",
    ]),
    [
      "Name:    web",
      "Labels:  app=web",
      "         tier=front",
      "Containers:",
      "  web:",
      "    Image:  nginx",
      "    Port:   <none>",
      "Events:",
      "Type  A    B", // an empty column is as wide as its padding
      "----  -    -",
    ],
  );
});

Deno.test("rfc1123z() writes timestamps as Go's RFC1123Z in UTC", () => {
  assert.equal(rfc1123z("2026-01-01T00:00:00Z"), "Thu, 01 Jan 2026 00:00:00 +0000");
  assert.equal(rfc1123z(undefined), "<unset>");
});

function event(reason: string, count: number, message: string, kind = "Pod"): Event {
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: `web.${reason}`, namespace: "default" },
    involvedObject: { kind, name: "web" },
    reason,
    message,
    type: count > 1 ? "Warning" : "Normal",
    source: { component: "default-scheduler" },
    firstTimestamp: HOUR_AGO,
    lastTimestamp: count > 1 ? "2026-01-01T00:59:55Z" : HOUR_AGO,
    count,
  };
}

function scheduledPod(): Pod {
  const pod = makePod("web", {
    cpu: "500m",
    memory: "128Mi",
    nodeName: "node-a",
    overrides: {
      metadata: {
        creationTimestamp: HOUR_AGO,
        ownerReferences: [{
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          name: "web-5d4f8",
          uid: "u1",
          controller: true,
        }],
      },
    },
  });
  pod.spec.containers[0].ports = [{ containerPort: 80, protocol: "TCP" }];
  pod.spec.tolerations = [{
    key: "node.kubernetes.io/not-ready",
    operator: "Exists",
    effect: "NoExecute",
    tolerationSeconds: 300,
  }];
  pod.status = {
    phase: "Running",
    qosClass: "Burstable",
    hostIP: "172.18.0.2",
    podIP: "10.244.0.2",
    podIPs: [{ ip: "10.244.0.2" }],
    startTime: HOUR_AGO,
    conditions: [{ type: "Ready", status: "True" }, { type: "PodScheduled", status: "True" }],
    containerStatuses: [{
      name: "web",
      ready: true,
      restartCount: 0,
      image: "nginx:1.27",
      imageID: "nginx@sha256:0",
      containerID: "kclone://1/web",
      state: { running: { startedAt: HOUR_AGO } },
    }],
  };
  return pod;
}

Deno.test("describePod() prints the pod as kubectl describe pod, then its events", () => {
  const lines = describePod(scheduledPod(), {
    now: NOW,
    events: [event("Scheduled", 1, "Successfully assigned default/web to node-a")],
  });
  assert.deepEqual(lines, [
    "Name:         web",
    "Namespace:    default",
    "Node:         node-a/172.18.0.2",
    "Start Time:   Thu, 01 Jan 2026 00:00:00 +0000",
    "Labels:       app=web",
    "Annotations:  <none>",
    "Status:       Running",
    "IP:           10.244.0.2",
    "IPs:",
    "  IP:           10.244.0.2",
    "Controlled By:  ReplicaSet/web-5d4f8",
    "Containers:",
    "  web:",
    "    Container ID:   kclone://1/web",
    "    Image:          nginx:1.27",
    "    Image ID:       nginx@sha256:0",
    "    Port:           80/TCP",
    "    Host Port:      0/TCP",
    "    State:          Running",
    "      Started:      Thu, 01 Jan 2026 00:00:00 +0000",
    "    Ready:          True",
    "    Restart Count:  0",
    "    Requests:",
    "      cpu:        500m",
    "      memory:     128Mi",
    "    Environment:  <none>",
    "    Mounts:       <none>",
    "Conditions:",
    "  Type           Status",
    "  Ready          True ",
    "  PodScheduled   True ",
    "Volumes:         <none>",
    "QoS Class:       Burstable",
    "Node-Selectors:  <none>",
    "Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s",
    "Events:",
    "  Type    Reason     Age   From               Message",
    "  ----    ------     ----  ----               -------",
    "  Normal  Scheduled  60m   default-scheduler  Successfully assigned default/web to node-a",
  ]);
});

Deno.test("describePod() says Events: <none> in the body's alignment, and counts repeats", () => {
  const quiet = describePod(scheduledPod(), { now: NOW });
  assert.equal(quiet[quiet.length - 1], "Events:          <none>");
  const noisy = describePod(scheduledPod(), {
    now: NOW,
    events: [event("BackOff", 7, "Back-off")],
  });
  assert.equal(
    noisy[noisy.length - 1],
    "  Warning  BackOff  5s (x7 over 60m)  default-scheduler  Back-off",
  );
});

const EXPLANATION: ScheduleExplanation = {
  pod: "default/web",
  strategy: "MostAllocated",
  nodesTotal: 3,
  nodesExamined: 3,
  nodesFeasible: 2,
  feasibleNodesToFind: 100,
  startIndex: 0,
  sampled: false,
  sampling: "Examined all 3 nodes (clusters under 100 nodes are always examined in full).",
  filters: {
    plugins: ["NodeUnschedulable", "TaintToleration", "NodeResourcesFit"],
    skipped: ["NodeAffinity"],
    passed: ["node-b", "node-a"],
    failed: [{
      node: "node-gpu",
      statuses: [
        { plugin: "NodeUnschedulable", code: "Success", reasons: [] },
        {
          plugin: "TaintToleration",
          code: "UnschedulableAndUnresolvable",
          reasons: ["node(s) had untolerated taint {dedicated: gpu}"],
        },
      ],
    }],
  },
  scores: {
    nodes: ["node-b", "node-a"],
    plugins: [
      {
        plugin: "TaintToleration",
        weight: 3,
        raw: [0, 0],
        normalized: [100, 100],
        weighted: [300, 300],
      },
      {
        plugin: "NodeResourcesFit",
        weight: 1,
        raw: [13, 39],
        normalized: [13, 39],
        weighted: [13, 39],
      },
    ],
    skipped: ["NodeAffinity"],
    total: [313, 339],
  },
  chosen: "node-a",
  detailed: true,
};

Deno.test("explainScheduleLines() tabulates filters per node and scores per feasible node", () => {
  assert.deepEqual(explainScheduleLines(EXPLANATION), [
    "Pod:       default/web",
    "Node:      node-a",
    "Strategy:  MostAllocated (NodeResourcesFit)",
    "Sampling:  Examined all 3 nodes (clusters under 100 nodes are always examined in full).",
    "Nodes:     3 schedulable, 3 examined, 2 feasible",
    "",
    "Filters (3 plugins, in order; - means not run):",
    "NODE       NodeUnschedulable   TaintToleration                                  NodeResourcesFit",
    "node-a     ✓                   ✓                                                ✓",
    "node-b     ✓                   ✓                                                ✓",
    "node-gpu   ✓                   node(s) had untolerated taint {dedicated: gpu}   -",
    "Skipped (nothing to check for this pod): NodeAffinity",
    "",
    "Scores (raw→weighted per plugin, raw→normalized→weighted where the plugin normalizes; the highest TOTAL wins):",
    "NODE     TaintToleration ×3   NodeResourcesFit ×1   TOTAL",
    "node-a   0→100→300            39→39                 339",
    "node-b   0→100→300            13→13                 313",
    "Not scoring: NodeAffinity",
  ]);
});

Deno.test("explainScheduleLines() gives a Pending pod's reason and schedulingSummaryLines() groups rejections", () => {
  const pending: ScheduleExplanation = {
    ...EXPLANATION,
    chosen: undefined,
    scores: { nodes: [], plugins: [], skipped: [], total: [] },
  };
  const lines = explainScheduleLines(pending, {
    message: "0/3 nodes are available: 3 Insufficient cpu.",
  });
  assert.equal(lines[1], "Node:      <none>: 0/3 nodes are available: 3 Insufficient cpu.");
  assert.equal(lines[lines.length - 1], "Scores: no feasible node to score.");
  assert.deepEqual(alignTabs(schedulingSummaryLines(EXPLANATION)), [
    "Scheduling:",
    "  Strategy:  MostAllocated",
    "  Nodes:     3 schedulable, 3 examined, 2 feasible",
    "  Sampling:  Examined all 3 nodes (clusters under 100 nodes are always examined in full).",
    "  Chosen:    node-a (score 339)",
    "  Rejected:  TaintToleration: node(s) had untolerated taint {dedicated: gpu} (node-gpu)",
  ]);
});

Deno.test("describeDeployment() prints replicas, strategy and the new and old ReplicaSets", () => {
  const d = makeDeployment("web", {
    overrides: { metadata: { creationTimestamp: HOUR_AGO, uid: "d1" } },
  });
  d.spec.strategy = {
    type: "RollingUpdate",
    rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" },
  };
  d.status = { replicas: 3, updatedReplicas: 3, availableReplicas: 3 };
  const rs = (name: string, image: string, replicas: number): ReplicaSet => ({
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, creationTimestamp: HOUR_AGO },
    spec: {
      replicas,
      selector: d.spec.selector,
      template: {
        metadata: { labels: { app: "web", "pod-template-hash": name.slice(4) } },
        spec: { containers: [{ name: "web", image }] },
      },
    },
    status: { replicas },
  });
  const lines = describeDeployment(d, {
    now: NOW,
    replicaSets: [rs("web-old", "nginx:1.26", 0), rs("web-new", "nginx:1.27", 3)],
  });
  assert.ok(
    lines.includes(
      "Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable",
    ),
  );
  assert.ok(lines.includes("StrategyType:           RollingUpdate"));
  assert.ok(lines.includes("RollingUpdateStrategy:  25% max unavailable, 25% max surge"));
  assert.ok(lines.includes("OldReplicaSets:    web-old (0/0 replicas created)"), lines.join("\n"));
  assert.ok(lines.includes("NewReplicaSet:     web-new (3/3 replicas created)"));
});

Deno.test("describeNode() sums the requests of its pods as shares of allocatable", () => {
  const node = makeNode("node-a", { overrides: { metadata: { creationTimestamp: HOUR_AGO } } });
  const pods = [
    makePod("a", { cpu: "1", memory: "1Gi", nodeName: "node-a" }),
    makePod("b", { cpu: "500m", nodeName: "node-a" }),
  ];
  pods[0].spec.containers[0].resources!.limits = { cpu: "2" };
  const lines = describeNode(node, { now: NOW, pods });
  const at = lines.indexOf("Allocated resources:");
  assert.deepEqual(lines.slice(at, at + 7), [
    "Allocated resources:",
    "  (Total limits may be over 100 percent, i.e., overcommitted.)",
    "  Resource           Requests     Limits",
    "  --------           --------     ------",
    "  cpu                1500m (37%)  2 (50%)", // 1500 / 4000 = 37.5%, truncated
    "  memory             1Gi (12%)    0 (0%)", // 1Gi / 8Gi = 12.5%
    "  ephemeral-storage  0 (0%)       0 (0%)",
  ]);
  assert.ok(
    lines.some((l) =>
      /^ {2}default +a +1 \(25%\) +2 \(50%\) +1Gi \(12%\) +0 \(0%\) +<unknown>$/.test(l)
    ),
  );
});

Deno.test("describeService() prints each port with its target, node port and endpoints", () => {
  const service = makeService("web", {
    type: "NodePort",
    targetPort: "http",
    overrides: { spec: { clusterIP: "10.96.0.10", clusterIPs: ["10.96.0.10"] } },
  });
  service.spec.ports![0] = { ...service.spec.ports![0], protocol: "TCP", nodePort: 30080 };
  const lines = describeService(service, {
    now: NOW,
    endpoints: {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "web" },
      subsets: [{ addresses: [{ ip: "10.244.0.2" }], ports: [{ port: 80, protocol: "TCP" }] }],
    },
  });
  assert.deepEqual(lines.slice(6), [
    "IP Families:       <none>",
    "IP:                10.96.0.10",
    "IPs:               10.96.0.10",
    "Port:              <unset>  80/TCP",
    "TargetPort:        http/TCP",
    "NodePort:          <unset>  30080/TCP",
    "Endpoints:         10.244.0.2:80",
    "Session Affinity:  None",
    "Events:            <none>",
  ]);
});
