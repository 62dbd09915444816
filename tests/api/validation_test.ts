import assert from "node:assert/strict";
import { applyDefaults } from "../../lib/api/defaults.ts";
import { InvalidError } from "../../lib/api/errors.ts";
import type { AnyObject, Container, Pod, PodSpec, Toleration } from "../../lib/api/types.ts";
import { admitObject, validateObject, type ValidateOptions } from "../../lib/api/validation/mod.ts";
import { makeDeployment, makeNode, makePod, makeReplicaSet, makeService } from "../_fixtures.ts";

/** The InvalidError that validating the defaulted object throws. */
function invalid(object: AnyObject, options: ValidateOptions = {}): InvalidError {
  try {
    validateObject(applyDefaults(object), options);
  } catch (error) {
    assert.ok(error instanceof InvalidError, `not an InvalidError: ${error}`);
    assert.equal(error.code, 422);
    return error;
  }
  assert.fail(`${object.kind} ${object.metadata.name} was valid`);
}

function podWith(spec: Partial<PodSpec>): Pod {
  return makePod("web", { overrides: { spec } });
}

function podWithContainer(extra: Partial<Container>): Pod {
  return podWith({ containers: [{ name: "web", image: "nginx:1.27", ...extra }] });
}

function tolerating(toleration: Toleration): Pod {
  return podWith({ tolerations: [toleration] });
}

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const TERM =
  "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";

function requiring(operator: string, values?: string[]): Pod {
  return podWith({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{
            matchExpressions: [{ key: "tier", operator: operator as "In", values }],
          }],
        },
      },
    },
  });
}

Deno.test("validateObject() checks metadata names, labels and annotations", () => {
  const cases: [AnyObject, string][] = [
    [
      makePod("web", { overrides: { metadata: { name: "Web_1" } } }),
      `Pod "Web_1" is invalid: metadata.name: Invalid value: "Web_1": ${SUBDOMAIN}`,
    ],
    [
      makePod("web", { overrides: { metadata: { name: "" } } }),
      'Pod "" is invalid: metadata.name: Required value: name or generateName is required',
    ],
    [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "Dev" } },
      `Namespace "Dev" is invalid: metadata.name: Invalid value: "Dev": ${LABEL}`,
    ],
    [
      makeService("1web"),
      "Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ],
    [
      makePod("web", { labels: { app: "-bad" } }),
      "Pod \"web\" is invalid: metadata.labels: Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
    [
      makePod("web", { labels: { "a/b/c": "x" } }),
      `Pod "web" is invalid: metadata.labels: Invalid value: "a/b/c": a qualified name ${NAME_PART} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
    [
      makePod("web", { overrides: { metadata: { annotations: { "bad key": "x" } } } }),
      `Pod "web" is invalid: metadata.annotations: Invalid value: "bad key": name part ${NAME_PART}`,
    ],
  ];
  for (const [object, message] of cases) assert.equal(invalid(object).message, message);
});

Deno.test("validateObject() accepts generateName instead of a name", () => {
  const pod = makePod("web", { overrides: { metadata: { name: "", generateName: "web-" } } });
  validateObject(applyDefaults(pod));
  const bad = makePod("web", { overrides: { metadata: { name: "", generateName: "Web-" } } });
  assert.equal(
    invalid(bad).message,
    `Pod "" is invalid: metadata.generateName: Invalid value: "Web-": ${SUBDOMAIN}`,
  );
});

Deno.test("validateObject() checks containers", () => {
  const cases: [Pod, string][] = [
    [podWith({ containers: [] }), "spec.containers: Required value"],
    [podWithContainer({ name: "Web" }), `spec.containers[0].name: Invalid value: "Web": ${LABEL}`],
    [
      podWith({ containers: [{ name: "web", image: "a" }, { name: "web", image: "b" }] }),
      'spec.containers[1].name: Duplicate value: "web"',
    ],
    [podWithContainer({ image: "" }), "spec.containers[0].image: Required value"],
    [
      podWithContainer({ ports: [{ containerPort: 70000 }] }),
      "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
    ],
    [
      podWithContainer({ env: [{ name: "1BAD", value: "x" }] }),
      "spec.containers[0].env[0].name: Invalid value: \"1BAD\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    ],
    [
      podWithContainer({
        env: [{ name: "X", valueFrom: { fieldRef: { fieldPath: "spec.foo" } } }],
      }),
      'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "spec.foo": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
    ],
    [
      podWithContainer({ livenessProbe: { periodSeconds: 5 } }),
      "spec.containers[0].livenessProbe: Required value: must specify a handler type",
    ],
    [
      podWithContainer({ livenessProbe: { exec: { command: ["true"] }, successThreshold: 2 } }),
      "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
    ],
    [
      podWith({ restartPolicy: "Sometimes" as "Always" }),
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ],
  ];
  for (const [pod, cause] of cases) {
    assert.equal(invalid(pod).message, `Pod "web" is invalid: ${cause}`);
  }
});

Deno.test("validateObject() checks resource quantities and requests against limits", () => {
  const cases: [Container["resources"], string][] = [
    [
      { requests: { cpu: "1" }, limits: { cpu: "500m" } },
      'spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
    ],
    [
      { requests: { memory: "0.5Gi" }, limits: { memory: "256Mi" } },
      'spec.containers[0].resources.requests: Invalid value: "512Mi": must be less than or equal to memory limit of 256Mi',
    ],
    [
      { requests: { cpu: "2 cores" } },
      "spec.containers[0].resources.requests[cpu]: Invalid value: \"2 cores\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    [
      { requests: { cpu: "-100m" } },
      'spec.containers[0].resources.requests[cpu]: Invalid value: "-100m": must be greater than or equal to 0',
    ],
    [
      { requests: { gpu: "1" } },
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
    ],
    [
      { requests: { "example.com/gpu": "1" }, limits: { "example.com/gpu": "2" } },
      'spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2',
    ],
  ];
  for (const [resources, cause] of cases) {
    assert.equal(
      invalid(podWithContainer({ resources })).message,
      `Pod "web" is invalid: ${cause}`,
    );
  }
  const deployment = makeDeployment("web");
  deployment.spec.template.spec.containers[0].resources = {
    requests: { cpu: "1" },
    limits: { cpu: "500m" },
  };
  assert.equal(
    invalid(deployment).message,
    'Deployment.apps "web" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
  );
});

Deno.test("validateObject() checks tolerations, including numeric Gt and Lt", () => {
  const cases: [Toleration, string][] = [
    [
      { key: "a", operator: "In" as "Equal", value: "b" },
      'spec.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists", "Gt", "Lt"',
    ],
    [
      { key: "a", operator: "Exists", value: "b" },
      'spec.tolerations[0].operator: Invalid value: {"key":"a","operator":"Exists","value":"b"}: value must be empty when `operator` is \'Exists\'',
    ],
    [
      { operator: "Equal", value: "b" },
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    ],
    [
      { key: "a", operator: "Exists", effect: "NoSchedule", tolerationSeconds: 30 },
      "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
    ],
    [
      { key: "sla", operator: "Gt", value: "high" },
      'spec.tolerations[0].value: Invalid value: "high": value must be a valid integer for numeric operators',
    ],
    [
      { key: "a", operator: "Exists", effect: "Never" as "NoSchedule" },
      'spec.tolerations[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ],
  ];
  for (const [toleration, cause] of cases) {
    assert.equal(invalid(tolerating(toleration)).message, `Pod "web" is invalid: ${cause}`);
  }
  validateObject(applyDefaults(tolerating({ key: "sla", operator: "Lt", value: "900" })));
});

Deno.test("validateObject() checks node affinity operators and weights", () => {
  const cases: [Pod, string][] = [
    [
      requiring("Gt", ["1", "2"]),
      `${TERM}[0].matchExpressions[0].values: Required value: must be specified single value when \`operator\` is 'Lt' or 'Gt'`,
    ],
    [
      requiring("Lt", ["abc"]),
      `${TERM}[0].matchExpressions[0].values[0]: Invalid value: "abc": must be an integer`,
    ],
    [
      requiring("Like", ["a"]),
      `${TERM}[0].matchExpressions[0].operator: Invalid value: "Like": not a valid selector operator`,
    ],
    [
      requiring("In", []),
      `${TERM}[0].matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
    ],
    [
      requiring("Exists", ["a"]),
      `${TERM}[0].matchExpressions[0].values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
    ],
    [
      podWith({
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] },
          },
        },
      }),
      `${TERM}: Required value: must have at least one node selector term`,
    ],
    [
      podWith({
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }],
          },
        },
      }),
      "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100",
    ],
  ];
  for (const [pod, cause] of cases) {
    assert.equal(invalid(pod).message, `Pod "web" is invalid: ${cause}`);
  }
  validateObject(applyDefaults(requiring("Gt", ["5"])));
});

Deno.test("validateObject() checks Deployment and ReplicaSet specs", () => {
  const withoutSelector = makeDeployment("web");
  delete (withoutSelector.spec as { selector?: unknown }).selector;
  const emptySelector = makeDeployment("web");
  emptySelector.spec.selector = {};
  const cases: [AnyObject, string][] = [
    [
      makeDeployment("web", { replicas: -2 }),
      "spec.replicas: Invalid value: -2: must be greater than or equal to 0",
    ],
    [withoutSelector, "spec.selector: Required value"],
    [emptySelector, "spec.selector: Invalid value: {}: empty selector is invalid for deployment"],
    [
      makeDeployment("web", {
        overrides: { spec: { selector: { matchLabels: { app: "other" } } } },
      }),
      'spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ],
    [
      makeDeployment("web", { overrides: { spec: { revisionHistoryLimit: -1 } } }),
      "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
    ],
    [
      makeDeployment("web", {
        overrides: { spec: { strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } } },
      }),
      "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0",
    ],
    [
      makeDeployment("web", {
        overrides: { spec: { strategy: { rollingUpdate: { maxSurge: "20Percent" } } } },
      }),
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"20Percent\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    ],
    [
      makeDeployment("web", {
        overrides: { spec: { strategy: { rollingUpdate: { maxUnavailable: "110%" } } } },
      }),
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "110%": must not be greater than 100%',
    ],
    [
      makeDeployment("web", {
        overrides: { spec: { strategy: { type: "Recreate", rollingUpdate: { maxSurge: 1 } } } },
      }),
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ],
    [
      makeDeployment("web", {
        overrides: { spec: { strategy: { type: "BlueGreen" as "Recreate" } } },
      }),
      'spec.strategy: Unsupported value: {"type":"BlueGreen"}: supported values: "Recreate", "RollingUpdate"',
    ],
    [
      makeDeployment("web", {
        overrides: { spec: { template: { spec: { restartPolicy: "Never" } } } },
      }),
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    [
      makeDeployment("web", {
        overrides: { spec: { minReadySeconds: 10, progressDeadlineSeconds: 5 } },
      }),
      "spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds",
    ],
  ];
  for (const [object, cause] of cases) {
    assert.equal(invalid(object).message, `Deployment.apps "web" is invalid: ${cause}`);
  }
  assert.equal(
    invalid(makeReplicaSet("web", { replicas: -1 })).message,
    'ReplicaSet.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
  );
});

Deno.test("validateObject() checks Service ports and types", () => {
  const cases: [AnyObject, string][] = [
    [makeService("web", { overrides: { spec: { ports: [] } } }), "spec.ports: Required value"],
    [
      makeService("web", { port: 0 }),
      "[spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]",
    ],
    [
      makeService("web", { overrides: { spec: { ports: [{ port: 80 }, { port: 81 }] } } }),
      "[spec.ports[0].name: Required value, spec.ports[1].name: Required value]",
    ],
    [
      makeService("web", {
        overrides: { spec: { ports: [{ name: "http", port: 80 }, { name: "http", port: 81 }] } },
      }),
      'spec.ports[1].name: Duplicate value: "http"',
    ],
    [
      makeService("web", { targetPort: "web_port" }),
      'spec.ports[0].targetPort: Invalid value: "web_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    ],
    [
      makeService("web", {
        type: "NodePort",
        overrides: { spec: { ports: [{ port: 80, nodePort: 80 }] } },
      }),
      "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767",
    ],
    [
      makeService("web", { overrides: { spec: { ports: [{ port: 80, nodePort: 30080 }] } } }),
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ],
    [
      makeService("web", { type: "Internal" as "ClusterIP" }),
      'spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ],
  ];
  for (const [object, cause] of cases) {
    assert.equal(invalid(object).message, `Service "web" is invalid: ${cause}`);
  }
  validateObject(
    applyDefaults(
      makeService("web", {
        type: "NodePort",
        overrides: { spec: { ports: [{ port: 80, nodePort: 30080 }] } },
      }),
    ),
  );
});

Deno.test("validateObject() checks Nodes, Leases and cluster-scoped namespaces", () => {
  assert.equal(
    invalid(makeNode("node-1", { cpu: "-1" })).message,
    'Node "node-1" is invalid: [status.capacity.cpu: Invalid value: "-1": must be greater than or equal to 0, status.allocatable.cpu: Invalid value: "-1": must be greater than or equal to 0]',
  );
  const node = makeNode("node-1");
  node.status!.allocatable = { cpu: "four" };
  assert.equal(
    invalid(node).message,
    'Node "node-1" is invalid: status.allocatable.cpu: Invalid value: "four": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
  );
  const lease: AnyObject = {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name: "node-1", namespace: "kube-node-lease" },
    spec: { holderIdentity: "node-1", leaseDurationSeconds: 0 },
  };
  assert.equal(
    invalid(lease).message,
    'Lease.coordination.k8s.io "node-1" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
  );
  // applyDefaults drops the namespace of cluster-scoped kinds; validateObject alone rejects it.
  const namespaced = makeNode("node-1", { overrides: { metadata: { namespace: "default" } } });
  assert.throws(
    () => validateObject(namespaced),
    {
      message: 'Node "node-1" is invalid: metadata.namespace: Forbidden: not allowed on this type',
    },
  );
});

Deno.test("validateObject() collects every cause with its reason and field", () => {
  const pod = makePod("web", { labels: { app: "-bad" } });
  pod.spec.containers = [{ name: "Web", image: "", ports: [{ containerPort: 0 }] }];
  const error = invalid(pod);
  assert.deepEqual(
    error.details.causes?.map(({ reason, field }) => [reason, field]),
    [
      ["FieldValueInvalid", "metadata.labels"],
      ["FieldValueInvalid", "spec.containers[0].name"],
      ["FieldValueRequired", "spec.containers[0].image"],
      ["FieldValueRequired", "spec.containers[0].ports[0].containerPort"],
    ],
  );
  assert.ok(
    error.message.startsWith('Pod "web" is invalid: [metadata.labels: Invalid value: "-bad": '),
  );
});

Deno.test("validateObject() enforces immutable selectors on update", () => {
  const old = applyDefaults(makeDeployment("web"));
  const changed = makeDeployment("web", { labels: { app: "api" } });
  assert.equal(
    invalid(changed, { old }).message,
    'Deployment.apps "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"api"}}: field is immutable',
  );
  validateObject(applyDefaults(makeDeployment("web", { replicas: 5 })), { old });
});

Deno.test("validateObject() accepts the fixtures once defaulted", () => {
  for (const object of [makePod(), makeDeployment(), makeReplicaSet(), makeService(), makeNode()]) {
    validateObject(applyDefaults(object as AnyObject));
  }
});

Deno.test("admitObject() decodes, defaults and validates without touching its input", () => {
  const raw = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { volumes: [], containers: [{ name: "web", image: "nginx:1.27" }] },
      },
    },
  };
  const before = structuredClone(raw);
  const { object, warnings } = admitObject(raw);
  assert.deepEqual(raw, before);
  assert.equal(object.metadata.namespace, "default");
  assert.equal((object as { spec: { replicas: number } }).spec.replicas, 1);
  assert.deepEqual(warnings, [
    "spec.template.spec.volumes: kclone stores this field but does not act on it yet",
  ]);
  assert.throws(() => admitObject({ ...raw, spec: { ...raw.spec, replicas: -1 } }), InvalidError);
});

Deno.test("validateObject() checks Endpoints and Events", () => {
  const endpoints: AnyObject = {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name: "web", namespace: "default" },
    subsets: [{ addresses: [{ ip: "10.1.0.300" }], ports: [{ port: 80, protocol: "TCP" }] }],
  };
  assert.equal(
    invalid(endpoints).message,
    'Endpoints "web" is invalid: subsets[0].addresses[0].ip: Invalid value: "10.1.0.300": must be a valid IP address',
  );
  const event: AnyObject = {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: "web.17", namespace: "default" },
    involvedObject: { kind: "Pod", name: "web", namespace: "other" },
  };
  assert.equal(
    invalid(event).message,
    'Event "web.17" is invalid: involvedObject.namespace: Invalid value: "other": does not match event.namespace',
  );
});
