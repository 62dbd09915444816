import assert from "node:assert/strict";
import type { AnyObject, Deployment, Pod } from "../../lib/api/types.ts";
import { includeObjectParam, objectTable, tableVersion } from "../../lib/server/table.ts";

const NOW = Date.parse("2026-01-01T00:01:05Z");
const CREATED = "2026-01-01T00:00:00Z";

const pod: Pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "web-1",
    namespace: "default",
    resourceVersion: "7",
    labels: { app: "web" },
    creationTimestamp: CREATED,
  },
  spec: { nodeName: "node-a", containers: [{ name: "web", image: "nginx" }] },
  status: {
    phase: "Running",
    podIP: "10.244.0.2",
    containerStatuses: [{
      name: "web",
      image: "nginx",
      imageID: "",
      ready: true,
      restartCount: 0,
      state: { running: {} },
    }],
  },
};

const deployment: Deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default", creationTimestamp: CREATED },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: "web" } },
    template: { spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
  },
  status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
};

Deno.test("objectTable() gives pods kubectl's columns, the wide ones at priority 1", () => {
  const table = objectTable("Pod", [pod], NOW, { resourceVersion: "9" });
  assert.equal(table.kind, "Table");
  assert.equal(table.apiVersion, "meta.k8s.io/v1");
  assert.deepEqual(table.metadata, { resourceVersion: "9" });
  assert.deepEqual(
    table.columnDefinitions.map((c) => [c.name, c.type, c.format, c.priority]),
    [
      ["Name", "string", "name", 0],
      ["Ready", "string", "", 0],
      ["Status", "string", "", 0],
      ["Restarts", "string", "", 0],
      ["Age", "string", "", 0],
      ["IP", "string", "", 1],
      ["Node", "string", "", 1],
      ["Nominated Node", "string", "", 1],
      ["Readiness Gates", "string", "", 1],
    ],
  );
  assert.deepEqual(table.rows[0].cells, [
    "web-1",
    "1/1",
    "Running",
    "0",
    "65s",
    "10.244.0.2",
    "node-a",
    "<none>",
    "<none>",
  ]);
});

Deno.test("objectTable() carries PartialObjectMetadata by default", () => {
  const table = objectTable("Pod", [pod], NOW);
  assert.deepEqual(table.metadata, {});
  assert.deepEqual(table.rows[0].object, {
    kind: "PartialObjectMetadata",
    apiVersion: "meta.k8s.io/v1",
    metadata: pod.metadata,
  });
});

Deno.test("objectTable() honours includeObject None and Object", () => {
  assert.equal(
    "object" in objectTable("Pod", [pod], NOW, { includeObject: "None" }).rows[0],
    false,
  );
  assert.deepEqual(objectTable("Pod", [pod], NOW, { includeObject: "Object" }).rows[0].object, pod);
});

Deno.test("objectTable() sends counts as integers under kube-apiserver's column names", () => {
  const table = objectTable("Deployment", [deployment as AnyObject], NOW, { continue: "abc" });
  assert.deepEqual(table.metadata, { continue: "abc" });
  assert.deepEqual(
    table.columnDefinitions.map((c) => [c.name, c.type, c.priority]),
    [
      ["Name", "string", 0],
      ["Ready", "string", 0],
      ["Up-to-date", "integer", 0],
      ["Available", "integer", 0],
      ["Age", "string", 0],
      ["Containers", "string", 1],
      ["Images", "string", 1],
      ["Selector", "string", 1],
    ],
  );
  assert.deepEqual(table.rows[0].cells, [
    "web",
    "2/3",
    3,
    2,
    "65s",
    "web",
    "nginx:1.27",
    "app=web",
  ]);
});

Deno.test("objectTable() spells service columns as kube-apiserver does", () => {
  const service = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "default", creationTimestamp: CREATED },
    spec: { clusterIP: "10.96.1.1", selector: { app: "web" }, ports: [{ port: 80 }] },
  } as AnyObject;
  const table = objectTable("Service", [service], NOW);
  assert.deepEqual(table.columnDefinitions.map((c) => c.name), [
    "Name",
    "Type",
    "Cluster-IP",
    "External-IP",
    "Port(s)",
    "Age",
    "Selector",
  ]);
});

Deno.test("tableVersion() reads the Accept header kubectl sends", () => {
  const cases: [string | null, string | undefined][] = [
    [
      "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json",
      "v1",
    ],
    ["application/json;as=Table;v=v1beta1;g=meta.k8s.io, application/json", "v1beta1"],
    ["application/json; as=Table; v=v1; g=meta.k8s.io", "v1"],
    ["application/json;as=Table;v=v2;g=meta.k8s.io,application/json", undefined],
    ["application/json", undefined],
    ["application/json, */*", undefined],
    ["application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json", undefined],
    [null, undefined],
  ];
  for (const [accept, expected] of cases) {
    assert.equal(tableVersion(accept), expected, accept ?? "");
  }
});

Deno.test("includeObjectParam() defaults to Metadata and refuses other values", () => {
  assert.equal(includeObjectParam(null), "Metadata");
  assert.equal(includeObjectParam("Object"), "Object");
  assert.equal(includeObjectParam("None"), "None");
  assert.throws(() => includeObjectParam("All"), {
    message:
      'unsupported value "All" for includeObject: supported values: "None", "Metadata", "Object"',
  });
});
