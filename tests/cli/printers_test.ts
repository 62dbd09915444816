import assert from "node:assert/strict";
import type { Endpoints, Event, Node, Pod } from "../../lib/api/types.ts";
import { formatTable } from "../../lib/cli/table.ts";
import {
  age,
  colourStatus,
  formatObjects,
  humanDuration,
  podStatusCells,
  resourceTable,
  statusColour,
  visibleLength,
} from "../../lib/cli/printers/mod.ts";
import { makeDeployment, makeNode, makePod, makeReplicaSet, makeService } from "../_fixtures.ts";

const NOW = Date.parse("2026-01-01T01:00:00Z");
const HOUR_AGO = "2026-01-01T00:00:00Z";
const S = 1000;

Deno.test("humanDuration() shortens durations as kubectl's AGE column does", () => {
  const cases: [number, string][] = [
    [0, "0s"],
    [-1500, "0s"], // up to 2s in the future is clock skew
    [-3000, "<invalid>"],
    [45 * S, "45s"],
    [119 * S, "119s"],
    [120 * S, "2m"],
    [182 * S, "3m2s"],
    [600 * S, "10m"],
    [179 * 60 * S, "179m"],
    [3 * 3600 * S, "3h"],
    [(5 * 3600 + 30 * 60) * S, "5h30m"],
    [20 * 3600 * S, "20h"],
    [48 * 3600 * S, "2d"],
    [51 * 3600 * S, "2d3h"],
    [30 * 86400 * S, "30d"],
    [800 * 86400 * S, "2y70d"], // 800 = 2 * 365 + 70
    [9 * 365 * 86400 * S, "9y"],
  ];
  for (const [ms, expected] of cases) assert.equal(humanDuration(ms), expected, `${ms} ms`);
});

Deno.test("age() reads RFC 3339 timestamps and is <unknown> without one", () => {
  assert.equal(age(HOUR_AGO, NOW), "60m");
  assert.equal(age(undefined, NOW), "<unknown>");
  assert.equal(age("not a time", NOW), "<unknown>");
});

function pod(status: Pod["status"], overrides: Partial<Pod["metadata"]> = {}): Pod {
  const base = makePod("web", { overrides: { metadata: { creationTimestamp: HOUR_AGO } } });
  return { ...base, metadata: { ...base.metadata, ...overrides }, status };
}

Deno.test("podStatusCells() computes READY, STATUS and RESTARTS as kubectl does", () => {
  const running = { running: { startedAt: HOUR_AGO } };
  const cases: [string, Pod, string, string, string][] = [
    ["no status yet", pod({ phase: "Pending" }), "0/1", "Pending", "0"],
    [
      "waiting for its container",
      pod({
        phase: "Pending",
        containerStatuses: [{
          name: "web",
          ready: false,
          restartCount: 0,
          image: "nginx",
          state: { waiting: { reason: "ContainerCreating" } },
        }],
      }),
      "0/1",
      "ContainerCreating",
      "0",
    ],
    [
      "running and ready",
      pod({
        phase: "Running",
        containerStatuses: [{
          name: "web",
          ready: true,
          restartCount: 0,
          image: "nginx",
          state: running,
        }],
      }),
      "1/1",
      "Running",
      "0",
    ],
    [
      "crash looping, last restart 2m ago",
      pod({
        phase: "Running",
        containerStatuses: [{
          name: "web",
          ready: false,
          restartCount: 3,
          image: "nginx",
          state: { waiting: { reason: "CrashLoopBackOff" } },
          lastState: { terminated: { exitCode: 1, finishedAt: "2026-01-01T00:58:00Z" } },
        }],
      }),
      "0/1",
      "CrashLoopBackOff",
      "3 (2m ago)",
    ],
    [
      "exited without a reason",
      pod({
        phase: "Failed",
        containerStatuses: [{
          name: "web",
          ready: false,
          restartCount: 0,
          image: "nginx",
          state: { terminated: { exitCode: 2 } },
        }],
      }),
      "0/1",
      "ExitCode:2",
      "0",
    ],
    [
      "being deleted",
      pod({ phase: "Running" }, { deletionTimestamp: HOUR_AGO }),
      "0/1",
      "Terminating",
      "0",
    ],
    [
      "lost with its node",
      pod({ phase: "Running", reason: "NodeLost" }, { deletionTimestamp: HOUR_AGO }),
      "0/1",
      "Unknown",
      "0",
    ],
    [
      "succeeded and being deleted",
      pod({ phase: "Succeeded", reason: "Completed" }, { deletionTimestamp: HOUR_AGO }),
      "0/1",
      "Completed",
      "0",
    ],
  ];
  for (const [what, p, ready, status, restarts] of cases) {
    assert.deepEqual(podStatusCells(p, NOW), { ready, status, restarts }, what);
  }
});

Deno.test("podStatusCells() reports init containers at work as Init:n/m or Init:<reason>", () => {
  const withInit = (state: NonNullable<Pod["status"]>["initContainerStatuses"]) => {
    const p = pod({ phase: "Pending", initContainerStatuses: state });
    p.spec.initContainers = [{ name: "init", image: "busybox" }];
    return p;
  };
  const init = { name: "init", ready: false, restartCount: 0, image: "busybox" };
  assert.equal(podStatusCells(withInit([{ ...init, state: {} }]), NOW).status, "Init:0/1");
  assert.equal(
    podStatusCells(withInit([{ ...init, state: { waiting: { reason: "ErrImagePull" } } }]), NOW)
      .status,
    "Init:ErrImagePull",
  );
});

const running = (name: string, node: string, ip: string): Pod => ({
  ...makePod(name, { nodeName: node, overrides: { metadata: { creationTimestamp: HOUR_AGO } } }),
  status: {
    phase: "Running",
    podIP: ip,
    podIPs: [{ ip }],
    containerStatuses: [{
      name,
      ready: true,
      restartCount: 0,
      image: "nginx:1.27",
      state: { running: {} },
    }],
  },
});

Deno.test("resourceTable() prints pods as kubectl get pods, -o wide, -A and --show-labels", () => {
  const pods = [running("web-1", "node-a", "10.244.0.2"), pod({ phase: "Pending" })];
  assert.equal(
    resourceTable("Pod", pods, NOW),
    [
      "NAME    READY   STATUS    RESTARTS   AGE",
      "web-1   1/1     Running   0          60m",
      "web     0/1     Pending   0          60m",
    ].join("\n"),
  );
  assert.equal(
    resourceTable("Pod", pods, NOW, { wide: true }),
    [
      "NAME    READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES",
      "web-1   1/1     Running   0          60m   10.244.0.2   node-a   <none>           <none>",
      "web     0/1     Pending   0          60m   <none>       <none>   <none>           <none>",
    ].join("\n"),
  );
  assert.equal(
    resourceTable("Pod", pods.slice(1), NOW, { namespaceColumn: true, showLabels: true }),
    [
      "NAMESPACE   NAME   READY   STATUS    RESTARTS   AGE   LABELS",
      "default     web    0/1     Pending   0          60m   app=web",
    ].join("\n"),
  );
});

function node(name: string, overrides: Partial<Node["spec"]> = {}, ready = true): Node {
  const n = makeNode(name, {
    ready,
    labels: name === "cp" ? { "node-role.kubernetes.io/control-plane": "" } : {},
    overrides: {
      metadata: { creationTimestamp: HOUR_AGO },
      status: {
        nodeInfo: { kubeletVersion: "v1.32.0" },
        addresses: [{ type: "InternalIP", address: "172.18.0.2" }],
      },
    },
  });
  return { ...n, spec: { ...n.spec, ...overrides } };
}

Deno.test("resourceTable() prints nodes with kubectl's STATUS and ROLES", () => {
  const nodes = [node("cp"), node("node-a", { unschedulable: true }), node("node-b", {}, false)];
  assert.equal(
    resourceTable("Node", nodes, NOW),
    [
      "NAME     STATUS                     ROLES           AGE   VERSION",
      "cp       Ready                      control-plane   60m   v1.32.0",
      "node-a   Ready,SchedulingDisabled   <none>          60m   v1.32.0",
      "node-b   NotReady                   <none>          60m   v1.32.0",
    ].join("\n"),
  );
  assert.match(
    resourceTable("Node", nodes.slice(0, 1), NOW, { wide: true, namespaceColumn: true }).split(
      "\n",
    )[1],
    /^cp +Ready +control-plane +60m +v1\.32\.0 +172\.18\.0\.2 +<none> +<unknown>/,
    "no NAMESPACE column for a cluster-scoped kind",
  );
});

Deno.test("resourceTable() prints deployments and replicasets, wide with containers and selector", () => {
  const d = makeDeployment("web", { overrides: { metadata: { creationTimestamp: HOUR_AGO } } });
  d.status = { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 };
  assert.equal(
    resourceTable("Deployment", [d], NOW, { wide: true }),
    [
      "NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR",
      "web    2/3     3            2           60m   web          nginx:1.27   app=web",
    ].join("\n"),
  );
  const rs = makeReplicaSet("web-5d4f8", {
    overrides: { metadata: { creationTimestamp: HOUR_AGO } },
  });
  rs.status = { replicas: 3, readyReplicas: 1 };
  assert.equal(
    resourceTable("ReplicaSet", [rs], NOW, { withKind: true }),
    [
      "NAME                        DESIRED   CURRENT   READY   AGE",
      "replicaset.apps/web-5d4f8   3         3         1       60m",
    ].join("\n"),
  );
});

Deno.test("resourceTable() prints services' ports and external IPs as kubectl does", () => {
  const meta = { metadata: { creationTimestamp: HOUR_AGO } };
  const web = makeService("web", {
    overrides: { ...meta, spec: { clusterIP: "10.96.0.10", clusterIPs: ["10.96.0.10"] } },
  });
  const np = makeService("np", {
    type: "NodePort",
    overrides: {
      ...meta,
      spec: { clusterIPs: ["10.96.0.11"], ports: [{ port: 80, nodePort: 30080, protocol: "TCP" }] },
    },
  });
  const lb = makeService("lb", {
    type: "LoadBalancer",
    overrides: { ...meta, spec: { clusterIPs: ["10.96.0.12"] } },
  });
  assert.equal(
    resourceTable("Service", [web, np, lb], NOW),
    [
      "NAME   TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE",
      "web    ClusterIP      10.96.0.10   <none>        80/TCP         60m",
      "np     NodePort       10.96.0.11   <none>        80:30080/TCP   60m",
      "lb     LoadBalancer   10.96.0.12   <pending>     80/TCP         60m",
    ].join("\n"),
  );
});

Deno.test("resourceTable() prints endpoints, three addresses then + N more...", () => {
  const endpoints: Endpoints = {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name: "web", namespace: "default", creationTimestamp: HOUR_AGO },
    subsets: [{
      addresses: ["10.244.0.2", "10.244.0.3", "10.244.0.4", "10.244.0.5"].map((ip) => ({ ip })),
      ports: [{ port: 80, protocol: "TCP" }],
    }],
  };
  const empty: Endpoints = {
    ...endpoints,
    metadata: { ...endpoints.metadata, name: "db" },
    subsets: [],
  };
  assert.equal(
    resourceTable("Endpoints", [endpoints, empty], NOW),
    [
      "NAME   ENDPOINTS                                               AGE",
      "web    10.244.0.2:80,10.244.0.3:80,10.244.0.4:80 + 1 more...   60m",
      "db     <none>                                                  60m",
    ].join("\n"),
  );
});

Deno.test("resourceTable() prints events oldest first, with the object as kind/name", () => {
  const event = (
    name: string,
    last: string,
    reason: string,
    type: "Normal" | "Warning",
  ): Event => ({
    apiVersion: "v1",
    kind: "Event",
    metadata: { name, namespace: "default" },
    involvedObject: { kind: "Pod", name: "web" },
    reason,
    type,
    message: `${reason} happened `,
    firstTimestamp: HOUR_AGO,
    lastTimestamp: last,
    count: 1,
  });
  const events = [
    event("b", "2026-01-01T00:59:30Z", "FailedScheduling", "Warning"),
    event("a", "2026-01-01T00:58:00Z", "Scheduled", "Normal"),
  ];
  assert.equal(
    resourceTable("Event", events, NOW),
    [
      "LAST SEEN   TYPE      REASON             OBJECT    MESSAGE",
      "2m          Normal    Scheduled          pod/web   Scheduled happened",
      "30s         Warning   FailedScheduling   pod/web   FailedScheduling happened",
    ].join("\n"),
  );
});

Deno.test("statusColour() paints failures red, waiting yellow and health green", () => {
  const cases: [string, string | undefined][] = [
    ["Running", "green"],
    ["Ready", "green"],
    ["Active", "green"],
    ["Pending", "yellow"],
    ["ContainerCreating", "yellow"],
    ["Terminating", "yellow"],
    ["Ready,SchedulingDisabled", "yellow"],
    ["Init:0/1", "yellow"],
    ["Failed", "red"],
    ["NotReady", "red"],
    ["CrashLoopBackOff", "red"],
    ["ExitCode:1", "red"],
    ["Something", undefined],
  ];
  for (const [status, colour] of cases) assert.equal(statusColour(status), colour, status);
});

Deno.test("colourStatus() adds escape codes only when colour is on, and tables stay aligned", () => {
  assert.equal(colourStatus("Running", true), "\u001b[32mRunning\u001b[39m");
  assert.equal(colourStatus("Running", false), "Running");
  const pods = [running("web-1", "node-a", "10.244.0.2"), pod({ phase: "Pending" })];
  const coloured = resourceTable("Pod", pods, NOW, { color: true }).split("\n");
  const plain = resourceTable("Pod", pods, NOW).split("\n");
  assert.ok(coloured[2].includes("\u001b[33mPending\u001b[39m"));
  assert.deepEqual(coloured.map(visibleLength), plain.map((l) => l.length));
});

Deno.test("formatObjects() prints one object with sorted keys, several as a List", () => {
  const p = makePod("web");
  assert.equal(
    formatObjects([p], "json", { single: true }),
    [
      "{",
      '    "apiVersion": "v1",',
      '    "kind": "Pod",',
      '    "metadata": {',
      '        "labels": {',
      '            "app": "web"',
      "        },",
      '        "name": "web",',
      '        "namespace": "default"',
      "    },",
      '    "spec": {',
      '        "containers": [',
      "            {",
      '                "image": "nginx:1.27",',
      '                "name": "web"',
      "            }",
      "        ]",
      "    }",
      "}",
    ].join("\n"),
  );
  const list = JSON.parse(formatObjects([p, p], "json"));
  assert.deepEqual(Object.keys(list), ["apiVersion", "items", "kind", "metadata"]);
  assert.deepEqual(list.metadata, { resourceVersion: "" });
  assert.equal(list.kind, "List");
  assert.equal(list.items.length, 2);
});

Deno.test("formatObjects() writes YAML as kubectl does and names as kind/name", () => {
  const p = makePod("web", { overrides: { metadata: { creationTimestamp: HOUR_AGO } } });
  assert.equal(
    formatObjects([p], "yaml"),
    [
      "apiVersion: v1",
      "items:",
      "- apiVersion: v1",
      "  kind: Pod",
      "  metadata:",
      '    creationTimestamp: "2026-01-01T00:00:00Z"',
      "    labels:",
      "      app: web",
      "    name: web",
      "    namespace: default",
      "  spec:",
      "    containers:",
      "    - image: nginx:1.27",
      "      name: web",
      "kind: List",
      "metadata:",
      '  resourceVersion: ""',
    ].join("\n"),
  );
  assert.equal(formatObjects([p, makeDeployment("web")], "name"), "pod/web\ndeployment.apps/web");
});

Deno.test("formatTable() lays tables out as kubectl does", () => {
  const cases: [string[], string[][], string][] = [
    [["NAME", "STATUS"], [["web-1", "Running"], ["a", ""]], "NAME    STATUS\nweb-1   Running\na"],
    [
      ["A", "B", "C"],
      [["", "x", ""], ["long cell", "", "end "]],
      "A           B   C\n            x\nlong cell       end",
    ],
    [
      ["NODE", "NodeResourcesFit"],
      [["node-a", "✓"], ["node-b", "Insufficient cpu"]],
      "NODE     NodeResourcesFit\nnode-a   ✓\nnode-b   Insufficient cpu",
    ],
    [["ONLY"], [], "ONLY"],
  ];
  for (const [headers, rows, expected] of cases) {
    assert.equal(formatTable(headers, rows), expected, headers.join(","));
  }
});
