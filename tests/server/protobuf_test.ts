import assert from "node:assert/strict";
import protobuf from "protobufjs";
import { BadRequestError } from "../../lib/api/errors.ts";
import { decodeKubernetesProtobuf } from "../../lib/server/protobuf/decode.ts";

const fixture = (name: string) =>
  Deno.readFileSync(new URL(`./fixtures/${name}.pb`, import.meta.url));

/** A field of a hand-built message: number and a string, number, bool or nested message. */
type Field = [number, string | number | boolean | Field[]];

function encode(fields: Field[]): Uint8Array {
  const writer = protobuf.Writer.create();
  for (const [number, value] of fields) {
    if (typeof value === "string") writer.uint32((number << 3) | 2).string(value);
    else if (typeof value === "number") writer.uint32(number << 3).int64(value);
    else if (typeof value === "boolean") writer.uint32(number << 3).bool(value);
    else writer.uint32((number << 3) | 2).bytes(encode(value));
  }
  return writer.finish();
}

/** A `k8s\0` envelope around an object of `kind` whose fields are `raw`. */
function envelope(apiVersion: string, kind: string, raw: Field[]): Uint8Array {
  const unknown = protobuf.Writer.create();
  unknown.uint32((1 << 3) | 2).bytes(encode([[1, apiVersion], [2, kind]]));
  unknown.uint32((2 << 3) | 2).bytes(encode(raw));
  return new Uint8Array([0x6b, 0x38, 0x73, 0, ...unknown.finish()]);
}

Deno.test("decodeKubernetesProtobuf() reads what kubectl create namespace sends", async () => {
  assert.deepEqual(await decodeKubernetesProtobuf(fixture("kubectl_create_namespace")), {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "foo" },
  });
});

Deno.test("decodeKubernetesProtobuf() reads what kubectl create deployment --port sends", async () => {
  assert.deepEqual(await decodeKubernetesProtobuf(fixture("kubectl_create_deployment")), {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "w2", namespace: "default", labels: { app: "w2" } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "w2" } },
      template: {
        metadata: { labels: { app: "w2" } },
        spec: { containers: [{ name: "nginx", image: "nginx", ports: [{ containerPort: 8080 }] }] },
      },
    },
  });
});

Deno.test("decodeKubernetesProtobuf() reads what kubectl create service nodeport sends", async () => {
  assert.deepEqual(await decodeKubernetesProtobuf(fixture("kubectl_create_service_nodeport")), {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "s3", labels: { app: "s3" } },
    spec: {
      ports: [{ name: "80-8080", protocol: "TCP", port: 80, targetPort: 8080 }],
      selector: { app: "s3" },
      type: "NodePort",
    },
  });
});

Deno.test("decodeKubernetesProtobuf() keeps zero pointers, inlines probe handlers and reads quantities, times and named ports", async () => {
  const container: Field[] = [
    [1, "web"],
    [2, "nginx"],
    [8, [[2, [[1, "cpu"], [2, [[1, "250m"]]]]]]],
    [11, [[1, [[2, [[1, "/healthz"], [2, [[1, 1], [3, "http"]]]]]]], [4, 5]]],
  ];
  const object = await decodeKubernetesProtobuf(envelope("apps/v1", "Deployment", [
    [1, [[1, "web"], [8, [[1, 1798156800]]], [12, [[1, "note"], [2, ""]]]]],
    [2, [[1, 0], [7, false], [3, [[2, [[2, container], [4, 0]]]]]]],
  ]));
  assert.deepEqual(object, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "web",
      creationTimestamp: "2026-12-25T00:00:00Z",
      annotations: { note: "" },
    },
    spec: {
      replicas: 0,
      template: {
        spec: {
          terminationGracePeriodSeconds: 0,
          containers: [{
            name: "web",
            image: "nginx",
            resources: { requests: { cpu: "250m" } },
            readinessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 5 },
          }],
        },
      },
    },
  });
});

Deno.test("decodeKubernetesProtobuf() refuses what it cannot read, with a 400 that says why", async () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ["JSON sent as protobuf", new TextEncoder().encode('{"kind":"Pod"}'), /expected prefix/],
    ["a kind kclone does not read", envelope("v1", "Secret", [[1, [[1, "s"]]]]), /Secret/],
    ["a field kclone cannot name", envelope("v1", "Namespace", [[9, "x"]]), /field 9 of Namespace/],
    ["truncated bytes", fixture("kubectl_create_deployment").slice(0, 60), /unknown format/],
  ];
  for (const [what, body, message] of cases) {
    await assert.rejects(() => decodeKubernetesProtobuf(body), (error: unknown) => {
      assert.ok(error instanceof BadRequestError, what);
      assert.match(error.message, message, what);
      return true;
    });
  }
});
