import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import {
  type JsonSchema,
  openApiDocument,
  openApiHashes,
  openApiRoot,
} from "../../lib/server/openapi/mod.ts";

// The examples live beside the repository: <root>/../shared/k8s-examples.
const EXAMPLES = new URL("../../../shared/k8s-examples/", import.meta.url);

const GVKS: [string, string, string][] = [
  ["api/v1", "io.k8s.api.core.v1.Namespace", "Namespace"],
  ["api/v1", "io.k8s.api.core.v1.Node", "Node"],
  ["api/v1", "io.k8s.api.core.v1.Pod", "Pod"],
  ["api/v1", "io.k8s.api.core.v1.Service", "Service"],
  ["api/v1", "io.k8s.api.core.v1.Endpoints", "Endpoints"],
  ["api/v1", "io.k8s.api.core.v1.Event", "Event"],
  ["apis/apps/v1", "io.k8s.api.apps.v1.Deployment", "Deployment"],
  ["apis/apps/v1", "io.k8s.api.apps.v1.ReplicaSet", "ReplicaSet"],
  ["apis/coordination.k8s.io/v1", "io.k8s.api.coordination.v1.Lease", "Lease"],
];

function schemas(groupVersion: string): Record<string, JsonSchema> {
  const doc = openApiDocument(groupVersion);
  assert.ok(doc, groupVersion);
  return doc.components.schemas;
}

/** Follows `$ref` and single-element `allOf`, as kubectl does. */
function resolve(schema: JsonSchema, all: Record<string, JsonSchema>): JsonSchema {
  if (typeof schema.$ref === "string") {
    return resolve(all[schema.$ref.replace("#/components/schemas/", "")], all);
  }
  if (Array.isArray(schema.allOf)) return resolve(schema.allOf[0] as JsonSchema, all);
  return schema;
}

/** The paths of `value` that the schema does not describe (unknown fields or wrong types). */
function unknownFields(
  value: unknown,
  schema: JsonSchema,
  all: Record<string, JsonSchema>,
  path: string,
): string[] {
  const s = resolve(schema, all);
  if (s["x-kubernetes-preserve-unknown-fields"]) return [];
  if (s.format === "int-or-string") {
    return typeof value === "number" || typeof value === "string" ? [] : [path];
  }
  switch (s.type) {
    case "string":
      // Quantities may be written as bare numbers.
      return typeof value === "string" || (typeof value === "number" && !s.format) ? [] : [path];
    case "integer":
      return Number.isInteger(value) ? [] : [path];
    case "boolean":
      return typeof value === "boolean" ? [] : [path];
    case "array":
      if (!Array.isArray(value)) return [path];
      return value.flatMap((v, i) => unknownFields(v, s.items as JsonSchema, all, `${path}[${i}]`));
    case "object": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return [path];
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      const extra = s.additionalProperties as JsonSchema | undefined;
      return Object.entries(value).flatMap(([k, v]) => {
        const field = props[k] ?? extra;
        return field ? unknownFields(v, field, all, `${path}.${k}`) : [`${path}.${k}`];
      });
    }
  }
  return [path];
}

async function yamlFiles(dir: URL, prefix = ""): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isDirectory) {
      found.push(...await yamlFiles(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`));
    } else if (entry.name.endsWith(".yaml")) found.push(`${prefix}${entry.name}`);
  }
  return found.sort();
}

Deno.test("openApiRoot() lists each served group-version with its URL and hash", () => {
  const root = openApiRoot();
  assert.deepEqual(Object.keys(root.paths).sort(), [
    "api/v1",
    "apis/apps/v1",
    "apis/coordination.k8s.io/v1",
  ]);
  for (const [gv, { serverRelativeURL }] of Object.entries(root.paths)) {
    assert.match(serverRelativeURL, new RegExp(`^/openapi/v3/${gv}\\?hash=[0-9A-F]{128}$`));
  }
});

Deno.test("openApiRoot() builds URLs from the hashes it is given", () => {
  assert.deepEqual(openApiRoot({ "api/v1": "ABC" }), {
    paths: { "api/v1": { serverRelativeURL: "/openapi/v3/api/v1?hash=ABC" } },
  });
});

Deno.test("openApiHashes() are stable across calls and differ between documents", () => {
  const first = openApiHashes();
  assert.deepEqual(openApiHashes(), first);
  assert.equal(new Set(Object.values(first)).size, 3);
});

Deno.test("openApiDocument() is undefined for a group-version kclone does not serve", () => {
  assert.equal(openApiDocument("apis/batch/v1"), undefined);
  assert.equal(openApiDocument("api/v2"), undefined);
});

Deno.test("openApiDocument() holds each served kind with x-kubernetes-group-version-kind", () => {
  for (const [gv, name, kind] of GVKS) {
    const doc = openApiDocument(gv)!;
    assert.equal(doc.openapi, "3.0.0");
    const [group, version] = gv === "api/v1" ? ["", "v1"] : gv.split("/").slice(1);
    assert.deepEqual(doc.components.schemas[name]["x-kubernetes-group-version-kind"], [
      { group, version, kind },
    ]);
  }
});

Deno.test("openApiDocument() offers fieldValidation on each kind's PATCH operation", () => {
  for (const [gv, , kind] of GVKS) {
    const patches = Object.values(openApiDocument(gv)!.paths)
      .map((item) => (item as Record<string, JsonSchema>).patch)
      .filter((op) => (op?.["x-kubernetes-group-version-kind"] as JsonSchema)?.kind === kind);
    assert.equal(patches.length, 1, kind);
    const params = patches[0].parameters as JsonSchema[];
    assert.ok(params.some((p) => p.name === "fieldValidation" && p.in === "query"), kind);
  }
});

Deno.test("openApiDocument() lists Pod under the namespaced path kube-apiserver uses", () => {
  const paths = Object.keys(openApiDocument("api/v1")!.paths);
  assert.ok(paths.includes("/api/v1/namespaces/{namespace}/pods/{name}"));
  assert.ok(paths.includes("/api/v1/nodes/{name}"));
  const apps = Object.keys(openApiDocument("apis/apps/v1")!.paths);
  assert.ok(apps.includes("/apis/apps/v1/namespaces/{namespace}/deployments"));
});

Deno.test("openApiDocument() types Deployment's rollingUpdate bounds as int-or-string", () => {
  const all = schemas("apis/apps/v1");
  const spec = resolve(
    (all["io.k8s.api.apps.v1.Deployment"].properties as Record<string, JsonSchema>).spec,
    all,
  );
  const strategy = resolve((spec.properties as Record<string, JsonSchema>).strategy, all);
  const rolling = resolve((strategy.properties as Record<string, JsonSchema>).rollingUpdate, all);
  for (const field of ["maxSurge", "maxUnavailable"]) {
    const schema = resolve((rolling.properties as Record<string, JsonSchema>)[field], all);
    assert.deepEqual([schema.type, schema.format], ["string", "int-or-string"]);
  }
});

Deno.test("openApiDocument() describes deployment.spec.strategy in Kubernetes' words", () => {
  const all = schemas("apis/apps/v1");
  const spec = all["io.k8s.api.apps.v1.DeploymentSpec"].properties as Record<string, JsonSchema>;
  assert.equal(
    spec.strategy.description,
    "The deployment strategy to use to replace existing pods with new ones.",
  );
  const strategy = all["io.k8s.api.apps.v1.DeploymentStrategy"];
  assert.equal(
    strategy.description,
    "DeploymentStrategy describes how to replace existing pods with new ones.",
  );
  const fields = strategy.properties as Record<string, JsonSchema>;
  assert.deepEqual(fields.type.enum, ["Recreate", "RollingUpdate"]);
  assert.equal(
    fields.rollingUpdate.description,
    "Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.",
  );
  const rolling = all["io.k8s.api.apps.v1.RollingUpdateDeployment"].properties as Record<
    string,
    JsonSchema
  >;
  assert.match(String(rolling.maxSurge.description), /^The maximum number of pods that can be sch/);
  assert.match(String(rolling.maxUnavailable.description), /^The maximum number of pods that can/);
});

Deno.test("openApiDocument() carries Kubernetes' merge keys for containers and env", () => {
  const all = schemas("api/v1");
  const podSpec = all["io.k8s.api.core.v1.PodSpec"].properties as Record<string, JsonSchema>;
  assert.equal(podSpec.containers["x-kubernetes-patch-merge-key"], "name");
  assert.equal(podSpec.containers["x-kubernetes-patch-strategy"], "merge");
  const container = all["io.k8s.api.core.v1.Container"].properties as Record<string, JsonSchema>;
  assert.deepEqual(container.ports["x-kubernetes-list-map-keys"], ["containerPort", "protocol"]);
  assert.equal(container.env["x-kubernetes-patch-merge-key"], "name");
});

Deno.test("openApiDocument() describes every field of the Kubernetes docs' manifests", async (t) => {
  const names = new Map(GVKS.map(([gv, name, kind]) => [kind, [gv, name]]));
  const files = (await yamlFiles(EXAMPLES)).filter((f) => !f.startsWith("invalid/"));
  let count = 0;
  for (const file of files) {
    await t.step(file, async () => {
      const text = await Deno.readTextFile(new URL(file, EXAMPLES));
      for (const doc of parseAllDocuments(text)) {
        const object = doc.toJS() as { kind: string } | null;
        if (!object) continue;
        const [gv, name] = names.get(object.kind)!;
        const all = schemas(gv);
        assert.deepEqual(unknownFields(object, all[name], all, ""), [], file);
        count++;
      }
    });
  }
  assert.equal(count, 56); // as tests/api/k8s_examples_test.ts counts them
});

Deno.test("the manifest walk reports a field the schema lacks", () => {
  const all = schemas("apis/apps/v1");
  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    spec: { replicas: "3", strategy: { rollingUpdate: { maxSurge: 1, maxExtra: 2 } } },
  };
  assert.deepEqual(unknownFields(deployment, all["io.k8s.api.apps.v1.Deployment"], all, ""), [
    ".spec.replicas",
    ".spec.strategy.rollingUpdate.maxExtra",
  ]);
});
