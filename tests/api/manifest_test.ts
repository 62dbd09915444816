import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BadRequestError } from "../../lib/api/errors.ts";
import { lineOf, parseManifests } from "../../lib/api/manifest.ts";

const EXAMPLES = fileURLToPath(new URL("../../../shared/k8s-examples/", import.meta.url));

function readExample(path: string): string {
  return readFileSync(join(EXAMPLES, path), "utf8");
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return name.endsWith(".yaml") ? [path] : [];
  });
}

function assertBadRequest(run: () => unknown, message: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof BadRequestError);
    assert.equal(error.message, message);
    return true;
  });
}

const POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n";

Deno.test("parseManifests() reads one YAML document and keeps scalar types", () => {
  const text = [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: web",
    "  labels: {version: \"1.0\", port: '80'}",
    "spec:",
    "  replicas: 3",
    "  paused: false",
    "  minReadySeconds: 0.5",
  ].join("\n");
  // deepEqual also shows that `positions` stays out of the way (non-enumerable).
  assert.deepEqual(parseManifests(text), [{
    object: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", labels: { version: "1.0", port: "80" } },
      spec: { replicas: 3, paused: false, minReadySeconds: 0.5 },
    },
    index: 0,
    line: 1,
  }]);
});

Deno.test("parseManifests() reads several documents and skips empty ones", () => {
  const text = `# a comment only\n---\n${POD}---\n---\n# nothing here\n---\n${POD}...\n`;
  const docs = parseManifests(text, { source: "pods.yaml" });
  assert.deepEqual(docs.map((d) => [d.index, d.line, d.source]), [
    [0, 3, "pods.yaml"], // a comment before the first --- belongs to document 1
    [3, 11, "pods.yaml"], // documents 2 (lines 7-8) and 3 (lines 8-10) are empty
  ]);
  assert.deepEqual(parseManifests(""), []);
  assert.deepEqual(parseManifests("# just a comment\n"), []);
  assert.deepEqual(parseManifests("---\n---\n"), []);
});

Deno.test("parseManifests() reads JSON and flow-style YAML", () => {
  const json = '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dev"}}';
  assert.deepEqual(parseManifests(json)[0].object, {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "dev" },
  });
  const flow = '---\n{\n  apiVersion: "v1",\n  kind: "Pod", # a comment\n  spec: {replicas: 2},\n}';
  const [doc] = parseManifests(flow);
  assert.deepEqual(doc.object, { apiVersion: "v1", kind: "Pod", spec: { replicas: 2 } });
  assert.equal(doc.line, 2); // the `{` after the `---` marker
});

Deno.test("parseManifests() flattens List and *List kinds into their items", () => {
  const text = [
    "apiVersion: v1",
    "kind: List",
    "items:",
    "- apiVersion: v1",
    "  kind: Namespace",
    "  metadata: {name: a}",
    "- apiVersion: v1",
    "  kind: PodList",
    "  items:",
    "  - {apiVersion: v1, kind: Pod, metadata: {name: b}}",
    "---",
    "apiVersion: v1",
    "kind: ServiceList",
    "items: []",
  ].join("\n");
  const docs = parseManifests(text);
  assert.deepEqual(docs.map((d) => [d.object.kind, d.index, d.line]), [
    ["Namespace", 0, 4],
    ["Pod", 0, 10], // nested lists flatten too
  ]);
});

Deno.test("parseManifests() supports anchors and merge keys", () => {
  const text = [
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    "  labels: &labels {app: web, tier: front}",
    "  annotations:",
    "    <<: *labels",
    "    note: x",
    "spec:",
    "  nodeSelector: *labels",
  ].join("\n");
  const [doc] = parseManifests(text);
  assert.deepEqual(doc.object.metadata, {
    labels: { app: "web", tier: "front" },
    annotations: { app: "web", tier: "front", note: "x" },
  });
  assert.deepEqual(doc.object.spec, { nodeSelector: { app: "web", tier: "front" } });
  assert.equal(lineOf(doc, "metadata.annotations.note"), 7);
  assert.equal(lineOf(doc, "metadata.annotations.tier"), 4); // where the merged key is written
  assert.equal(lineOf(doc, "spec.nodeSelector.app"), 4);
});

Deno.test("parseManifests() rejects alias bombs as bad requests", () => {
  const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 8; i++) {
    const prev = String.fromCharCode(96 + i);
    const next = String.fromCharCode(97 + i);
    lines.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(", ")}]`);
  }
  assert.throws(() => parseManifests(lines.join("\n")), (error: unknown) => {
    assert.ok(error instanceof BadRequestError);
    assert.match(error.message, /^error parsing manifest: document 1, line 1: /);
    return true;
  });
});

Deno.test("parseManifests() reads YAML 1.1 scalars as Kubernetes does", () => {
  const text = [
    "apiVersion: v1",
    "kind: ConfigMap",
    "data:",
    "  mode: 0644", // octal: 6*64 + 4*8 + 4 = 420
    "  flag: yes",
    "  time: 12:30",
    "  date: 2024-01-02T03:04:05Z",
    '  quoted: "0644"',
  ].join("\n");
  assert.deepEqual(parseManifests(text)[0].object.data, {
    mode: 420,
    flag: true,
    time: "12:30",
    date: "2024-01-02T03:04:05Z",
    quoted: "0644",
  });
});

Deno.test("parseManifests() names the source, document and line of a syntax error", () => {
  const text = `${POD}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [web\n`;
  assertBadRequest(
    () => parseManifests(text, { source: "deploy.yaml" }),
    // The unclosed [ on line 9 is reported where the input ends.
    "error parsing deploy.yaml: document 2, line 10: Flow sequence in block collection must be sufficiently indented and end with a ]",
  );
  assertBadRequest(
    () => parseManifests('{"apiVersion": "v1" "kind": "Pod"}'),
    "error parsing manifest: document 1, line 1: Unexpected double-quoted-scalar token",
  );
});

Deno.test("parseManifests() reports duplicate keys with their line", () => {
  assertBadRequest(
    () => parseManifests(`${POD}metadata:\n  name: other\n`, { source: "pod.yaml" }),
    "error parsing pod.yaml: document 1, line 5: Map keys must be unique",
  );
});

Deno.test("parseManifests() rejects documents that are not mappings", () => {
  assertBadRequest(
    () => parseManifests(`${POD}---\n- a\n- b\n`, { source: "x.yaml" }),
    "error parsing x.yaml: document 2, line 6: expected an object with apiVersion and kind, got a sequence",
  );
  assertBadRequest(
    () => parseManifests("just text"),
    "error parsing manifest: document 1, line 1: expected an object with apiVersion and kind, got a string",
  );
  assertBadRequest(
    () => parseManifests("apiVersion: v1\nkind: List\nitems:\n- 42\n"),
    "error parsing manifest: document 1, line 4: expected an object with apiVersion and kind, got a number",
  );
});

Deno.test("parseManifests() rejects objects without apiVersion or kind as kubectl does", () => {
  assertBadRequest(
    () => parseManifests("metadata:\n  name: web\n", { source: "web.yaml" }),
    'error validating "web.yaml": document 1, line 1: error validating data: [apiVersion not set, kind not set]',
  );
  assertBadRequest(
    () => parseManifests(`${POD}---\n# comment\nkind: Pod\n`),
    'error validating "manifest": document 2, line 7: error validating data: apiVersion not set',
  );
  assertBadRequest(
    () => parseManifests('apiVersion: ""\nkind: Pod\n'),
    'error validating "manifest": document 1, line 1: error validating data: apiVersion not set',
  );
});

Deno.test("lineOf() finds the line of a field path", () => {
  const text = [
    "apiVersion: apps/v1", // 1
    "kind: Deployment", // 2
    "metadata:", // 3
    "  name: web", // 4
    "  labels:", // 5
    "    app.kubernetes.io/name: web", // 6
    "spec:", // 7
    "  replicas: 3", // 8
    "  template:", // 9
    "    spec:", // 10
    "      containers:", // 11
    "      - name: a", // 12
    "        image: nginx", // 13
    "      - name: b", // 14
    "        image: redis", // 15
  ].join("\n");
  const [doc] = parseManifests(text);
  const cases: [string, number | undefined][] = [
    ["kind", 2],
    ["spec.replicas", 8],
    ["spec.template.spec.containers[0].image", 13],
    ["spec.template.spec.containers[1]", 14],
    ["spec.template.spec.containers[1].image", 15],
    ["metadata.labels[app.kubernetes.io/name]", 6],
    ["spec.template.spec.containers[2]", undefined],
    ["spec.missing", undefined],
    ["spec.replicas.deeper", undefined],
  ];
  for (const [path, expected] of cases) assert.equal(lineOf(doc, path), expected, path);
  assert.equal(lineOf({ object: {}, index: 0, line: 1 }, "kind"), undefined);
});

Deno.test("parseManifests() reads every example manifest", () => {
  const files = yamlFiles(EXAMPLES);
  assert.ok(files.length >= 50, `found ${files.length} files`);
  for (const file of files) {
    const docs = parseManifests(readFileSync(file, "utf8"), { source: file });
    assert.ok(docs.length >= 1, file);
    for (const doc of docs) {
      assert.equal(typeof doc.object.apiVersion, "string", file);
      assert.equal(typeof doc.object.kind, "string", file);
    }
  }
});

Deno.test("parseManifests() reads the guestbook application", () => {
  const files: [string, string, string, number][] = [
    ["frontend-deployment.yaml", "Deployment", "frontend", 2], // line 1 is a comment
    ["frontend-service.yaml", "Service", "frontend", 2],
    ["redis-follower-deployment.yaml", "Deployment", "redis-follower", 2], // flow style after ---
    ["redis-follower-service.yaml", "Service", "redis-follower", 2],
    ["redis-leader-deployment.yaml", "Deployment", "redis-leader", 2],
    ["redis-leader-service.yaml", "Service", "redis-leader", 2],
  ];
  for (const [file, kind, name, line] of files) {
    const docs = parseManifests(readExample(`application/guestbook/${file}`));
    assert.equal(docs.length, 1, file);
    assert.equal(docs[0].object.kind, kind, file);
    assert.equal((docs[0].object.metadata as { name: string }).name, name, file);
    assert.equal(docs[0].line, line, file);
  }
  const [deployment] = parseManifests(
    readExample("application/guestbook/frontend-deployment.yaml"),
  );
  assert.equal(lineOf(deployment, "spec.replicas"), 7);
  assert.equal(lineOf(deployment, "spec.template.spec.containers[0].resources.requests.cpu"), 26);
});

Deno.test("parseManifests() reads flow-style files that start with ---", () => {
  const [pod] = parseManifests(readExample("pods/probe/http-liveness.yaml"), {
    source: "http-liveness.yaml",
  });
  assert.equal(pod.line, 2);
  assert.equal(pod.source, "http-liveness.yaml");
  const spec = pod.object.spec as {
    containers: { livenessProbe: { httpGet: { port: unknown } } }[];
  };
  assert.equal(spec.containers[0].livenessProbe.httpGet.port, 8080);
  assert.equal(lineOf(pod, "spec.containers[0].image"), 14);

  const docs = parseManifests(readExample("application/nginx-app.yaml"));
  assert.deepEqual(docs.map((d) => [d.object.kind, d.index, d.line]), [
    ["Service", 0, 2],
    ["Deployment", 1, 22],
  ]);
  assert.equal(lineOf(docs[1], "spec.replicas"), 32);
});

Deno.test("parseManifests() reads files without a final newline", () => {
  const text = readExample("service/access/backend-service.yaml");
  assert.ok(!text.endsWith("\n"));
  const [service] = parseManifests(text);
  assert.equal(service.object.kind, "Service");
  assert.equal(service.line, 2);
  assert.equal(lineOf(service, "spec.ports[0].targetPort"), 13);
  const docs = parseManifests(readExample("service/pod-with-graceful-termination.yaml"));
  assert.deepEqual(docs.map((d) => [d.object.kind, d.line]), [["Deployment", 1], ["Service", 36]]);
});
