import assert from "node:assert/strict";
import { BadRequestError } from "../../lib/api/errors.ts";
import type { Pod, Service } from "../../lib/api/types.ts";
import { decodeObject } from "../../lib/api/validation/mod.ts";

function pod(spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: "web" }) {
  return { apiVersion: "v1", kind: "Pod", metadata, spec };
}

function container(extra: Record<string, unknown> = {}) {
  return { name: "web", image: "nginx:1.27", ...extra };
}

function messageOf(raw: unknown): string {
  try {
    decodeObject(raw);
  } catch (error) {
    assert.ok(error instanceof BadRequestError, `not a BadRequestError: ${error}`);
    assert.equal(error.code, 400);
    return error.message;
  }
  assert.fail("decodeObject() did not throw");
}

Deno.test("decodeObject() rejects kinds and versions kclone does not serve", () => {
  const cases: [unknown, string][] = [
    [
      { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "x" } },
      'no matches for kind "CronJob" in version "batch/v1"',
    ],
    [
      { apiVersion: "v1", kind: "Deployment", metadata: { name: "x" } },
      'no matches for kind "Deployment" in version "v1"',
    ],
    [
      { apiVersion: "apps/v1beta1", kind: "Deployment" },
      'no matches for kind "Deployment" in version "apps/v1beta1"',
    ],
    [{ apiVersion: "v1", kind: "pod" }, 'no matches for kind "pod" in version "v1"'],
    [{ apiVersion: "v1" }, `Object 'Kind' is missing in '{"apiVersion":"v1"}'`],
    [{ kind: "Pod" }, `Object 'apiVersion' is missing in '{"kind":"Pod"}'`],
    [null, "Object 'Kind' is missing in 'null'"],
  ];
  for (const [raw, message] of cases) assert.equal(messageOf(raw), message);
});

Deno.test("decodeObject() lists every unknown field with its path", () => {
  const raw = pod({
    containers: [container({ imagePullPolice: "Always" })],
    restartPolicey: "Never",
  }, {
    name: "web",
    labelz: {},
  });
  assert.equal(
    messageOf(raw),
    'Pod in version "v1" cannot be handled as a Pod: strict decoding error: ' +
      'unknown field "metadata.labelz", unknown field "spec.containers[0].imagePullPolice", ' +
      'unknown field "spec.restartPolicey"',
  );
  assert.equal(
    messageOf({
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "dev" },
      spec: {},
      extra: 1,
    }),
    'Namespace in version "v1" cannot be handled as a Namespace: strict decoding error: unknown field "extra"',
  );
});

Deno.test("decodeObject() names the field and Go type of a wrong type", () => {
  const deployment = (spec: Record<string, unknown>) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec,
  });
  const service = (ports: unknown) => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web" },
    spec: { ports },
  });
  const cases: [unknown, string][] = [
    [
      deployment({ replicas: "3" }),
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [
      deployment({ replicas: 1.5 }),
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [
      pod({ containers: { name: "web" } }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container',
    ],
    [
      pod({ containers: [container({ env: [{ name: "PORT", value: 80 }] })] }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string',
    ],
    [
      pod({ containers: [container()] }, { name: "web", labels: { version: 1.5 } }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    ],
    [
      pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [] } } }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal array into Go struct field NodeAffinity.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution of type v1.NodeSelector',
    ],
    [
      service([{ port: 80, targetPort: true }]),
      'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type intstr.IntOrString',
    ],
    [
      pod({ containers: [container({ resources: { limits: { cpu: ["1"] } } })] }),
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal array into Go struct field ResourceRequirements.spec.containers.resources.limits of type resource.Quantity',
    ],
    [
      { apiVersion: "v1", kind: "Pod", metadata: "web" },
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field Pod.metadata of type v1.ObjectMeta',
    ],
  ];
  for (const [raw, message] of cases) assert.equal(messageOf(raw), message);
});

Deno.test("decodeObject() reports a wrong type before unknown fields", () => {
  const raw = pod({ containers: [container({ imagePullPolice: "x" })], hostNetwork: "yes" });
  assert.equal(
    messageOf(raw),
    'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool',
  );
});

Deno.test("decodeObject() accepts int-or-string ports and normalises numeric quantities", () => {
  const raw = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web" },
    spec: { ports: [{ port: 80, targetPort: "http" }, { name: "b", port: 81, targetPort: 8081 }] },
  };
  const service = decodeObject(raw).object as Service;
  assert.deepEqual(service.spec.ports?.map((p) => p.targetPort), ["http", 8081]);

  const limits = { cpu: 1, memory: 1e9, "ephemeral-storage": "1Gi" };
  const decoded = decodeObject(
    pod({ containers: [container({ resources: { limits, requests: { cpu: 0.5 } } })] }),
  )
    .object as Pod;
  assert.deepEqual(decoded.spec.containers[0].resources, {
    limits: { cpu: "1", memory: "1000000000", "ephemeral-storage": "1Gi" },
    requests: { cpu: "0.5" },
  });
});

Deno.test("decodeObject() keeps fields kclone does not act on and warns about each", () => {
  const volumes = [{ name: "data", emptyDir: {} }];
  const raw = pod({
    volumes,
    securityContext: { runAsUser: 1000 },
    containers: [
      container({ volumeMounts: [{ name: "data", mountPath: "/data" }], workingDir: "/srv" }),
    ],
  });
  const { object, warnings } = decodeObject(raw);
  assert.deepEqual(warnings, [
    "spec.volumes: kclone stores this field but does not act on it yet",
    "spec.securityContext: kclone stores this field but does not act on it yet",
    "spec.containers[0].volumeMounts: kclone stores this field but does not act on it yet",
    "spec.containers[0].workingDir: kclone stores this field but does not act on it yet",
  ]);
  assert.deepEqual((object as Pod).spec.volumes, volumes);
  assert.deepEqual((object as Pod).spec.securityContext, { runAsUser: 1000 });
});

Deno.test("decodeObject() does not warn about kept fields holding their defaults", () => {
  const quiet = pod({
    dnsPolicy: "ClusterFirst",
    schedulerName: "default-scheduler",
    containers: [container({ imagePullPolicy: "IfNotPresent", terminationMessagePolicy: "File" })],
  });
  assert.deepEqual(decodeObject(quiet).warnings, []);
  const loud = pod({
    dnsPolicy: "Default",
    containers: [container({ image: "nginx", imagePullPolicy: "IfNotPresent" })],
  });
  assert.deepEqual(decodeObject(loud).warnings, [
    "spec.dnsPolicy: kclone stores this field but does not act on it yet",
    "spec.containers[0].imagePullPolicy: kclone stores this field but does not act on it yet",
  ]);
});

Deno.test("decodeObject() accepts status written by Kubernetes components without warnings", () => {
  const raw = {
    ...pod({ containers: [container()] }),
    status: {
      phase: "Running",
      hostIPs: [{ ip: "10.0.0.1" }],
      conditions: [{ type: "Ready", status: "True", lastProbeTime: null }],
    },
  };
  const { object, warnings } = decodeObject(raw);
  assert.deepEqual(warnings, []);
  assert.deepEqual((object as Pod).status?.conditions, [
    { type: "Ready", status: "True", lastProbeTime: null },
  ]);
});

Deno.test("decodeObject() treats null fields as unset and adds missing metadata", () => {
  const { object } = decodeObject({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "dev", labels: null, creationTimestamp: null },
    spec: null,
  });
  assert.deepEqual(object, { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
  assert.deepEqual(decodeObject({ apiVersion: "v1", kind: "Namespace" }).object, {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {},
  });
});

Deno.test("decodeObject() never mutates its input nor shares kept values with it", () => {
  const raw = pod({ volumes: [{ name: "data", emptyDir: {} }], containers: [container()] }, {
    name: "web",
    labels: null,
  });
  const before = structuredClone(raw);
  const { object } = decodeObject(raw);
  assert.deepEqual(raw, before);
  assert.notEqual((object as Pod).spec.volumes, raw.spec.volumes);
});
