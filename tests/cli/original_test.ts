import assert from "node:assert/strict";
import { parseLabelsFlag, parseTaintsFlag } from "../../lib/cli/original/flags.ts";
import {
  parseCpuFlag,
  parseIntegerFlag,
  parseMemoryFlag,
  parseSecondsFlag,
} from "../../lib/cli/original/number_flags.ts";
import { nodeObject } from "../../lib/cli/original/node_object.ts";
import { podObject } from "../../lib/cli/original/pod_object.ts";
import { containerNameOf, deploymentObject } from "../../lib/cli/original/deployment_object.ts";
import { serviceObject } from "../../lib/cli/original/service_object.ts";
import { UsageError } from "../../lib/cli/context.ts";
import { admitObject } from "../../lib/api/validation/mod.ts";

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${error}`);
    return error.message;
  }
  assert.fail("expected a UsageError");
}

Deno.test("parseLabelsFlag() reads k=v pairs as kubectl does", () => {
  assert.deepEqual(parseLabelsFlag("app=web,tier=front", "--labels"), {
    app: "web",
    tier: "front",
  });
  assert.deepEqual(parseLabelsFlag("app=", "--labels"), { app: "" });
});

Deno.test("parseLabelsFlag() names the flag and the bad part", () => {
  const cases: [string, string][] = [
    ["app", 'invalid argument "app" for "--labels" flag: unexpected label spec: app'],
    [
      "app=web,broken",
      'invalid argument "app=web,broken" for "--labels" flag: unexpected label spec: broken',
    ],
    ["a=b=c", 'invalid argument "a=b=c" for "--labels" flag: unexpected label spec: a=b=c'],
    ["=web", 'invalid argument "=web" for "--labels" flag: unexpected empty label key'],
    ["", 'invalid argument "" for "--labels" flag: no label spec passed'],
  ];
  for (const [text, message] of cases) {
    assert.equal(usageMessage(() => parseLabelsFlag(text, "--labels")), message);
  }
});

Deno.test("parseTaintsFlag() reads key=value:Effect and key:Effect", () => {
  assert.deepEqual(parseTaintsFlag("dedicated=gpu:NoSchedule,spot:PreferNoSchedule", "--taints"), [
    { key: "dedicated", value: "gpu", effect: "NoSchedule" },
    { key: "spot", effect: "PreferNoSchedule" },
  ]);
});

Deno.test("parseTaintsFlag() rejects bad taints with kubectl's words", () => {
  const cases: [string, string][] = [
    ["gpu", "invalid taint spec: gpu"],
    ["a=b:Bad", "invalid taint effect: Bad, unsupported taint effect"],
    ["a=b=c:NoSchedule", "invalid taint spec: a=b=c:NoSchedule"],
    ["a:b:NoSchedule", "invalid taint spec: a:b:NoSchedule"],
    ["=b:NoSchedule", "invalid taint spec: =b:NoSchedule"],
  ];
  for (const [text, problem] of cases) {
    assert.equal(
      usageMessage(() => parseTaintsFlag(text, "--taints")),
      `invalid argument "${text}" for "--taints" flag: ${problem}`,
    );
  }
});

Deno.test("parseIntegerFlag() and parseSecondsFlag() use cobra's messages", () => {
  assert.equal(parseIntegerFlag("3", "--replicas"), 3);
  assert.equal(parseIntegerFlag("-1", "--replicas"), -1);
  assert.equal(parseSecondsFlag("0.5", "--interval"), 0.5);
  const cases: [() => unknown, string][] = [
    [
      () => parseIntegerFlag("two", "--replicas"),
      'invalid argument "two" for "--replicas" flag: strconv.ParseInt: parsing "two": invalid syntax',
    ],
    [
      () => parseIntegerFlag("0", "--count", { min: 1 }),
      'invalid argument "0" for "--count" flag: must be greater than or equal to 1',
    ],
    [
      () => parseSecondsFlag("soon", "--interval"),
      'invalid argument "soon" for "--interval" flag: strconv.ParseFloat: parsing "soon": invalid syntax',
    ],
    [
      () => parseSecondsFlag("0", "--interval"),
      'invalid argument "0" for "--interval" flag: must be greater than 0',
    ],
  ];
  for (const [fn, message] of cases) assert.equal(usageMessage(fn), message);
});

Deno.test("parseCpuFlag() and parseMemoryFlag() read quantities; a plain memory is MiB", () => {
  assert.equal(parseCpuFlag("4", "--cpu"), "4");
  assert.equal(parseCpuFlag("500m", "--cpu"), "500m");
  assert.equal(parseMemoryFlag("128", "--mem"), "128Mi");
  assert.equal(parseMemoryFlag("1.5", "--mem"), "1.5Mi");
  assert.equal(parseMemoryFlag("8Gi", "--mem"), "8Gi");
  assert.equal(
    usageMessage(() => parseCpuFlag("abc", "--cpu")),
    `invalid argument "abc" for "--cpu" flag: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
  );
  assert.equal(
    usageMessage(() => parseMemoryFlag("-1", "--mem")),
    'invalid argument "-1" for "--mem" flag: must be greater than or equal to 0',
  );
});

Deno.test("nodeObject() has the original defaults: 4 CPUs, 4096Mi, 110 pods", () => {
  assert.deepEqual(nodeObject("node-a"), {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: "node-a",
      labels: {
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": "node-a",
        "kubernetes.io/os": "linux",
      },
    },
    spec: {},
    status: { capacity: { cpu: "4", memory: "4096Mi", pods: "110" } },
  });
  const gpu = nodeObject("gpu", {
    cpu: "8",
    memory: "8Gi",
    pods: 10,
    labels: { zone: "a" },
    taints: [{ key: "gpu", effect: "NoSchedule" }],
  });
  assert.equal(gpu.metadata.labels?.zone, "a");
  assert.deepEqual(gpu.spec, { taints: [{ key: "gpu", effect: "NoSchedule" }] });
  assert.deepEqual(gpu.status?.capacity, { cpu: "8", memory: "8Gi", pods: "10" });
});

Deno.test("podObject() makes one container named after the pod with 1 CPU and 128Mi", () => {
  const pod = podObject("nginx", "nginx:1.27", { namespace: "dev" });
  assert.deepEqual(pod.metadata, { name: "nginx", namespace: "dev", labels: { run: "nginx" } });
  assert.deepEqual(pod.spec.containers, [{
    name: "nginx",
    image: "nginx:1.27",
    resources: { requests: { cpu: "1", memory: "128Mi" } },
  }]);
  admitObject(pod);
});

Deno.test("deploymentObject() selects app=NAME and labels its pods with the selector", () => {
  const web = deploymentObject("web", "registry.io/team/nginx:1.27", { replicas: 3 });
  assert.equal(web.spec.replicas, 3);
  assert.deepEqual(web.spec.selector, { matchLabels: { app: "web" } });
  assert.deepEqual(web.spec.template.metadata?.labels, { app: "web" });
  assert.equal(web.spec.template.spec.containers[0].name, "nginx");
  const tiered = deploymentObject("api", "api:1", { labels: { tier: "back" } });
  assert.deepEqual(tiered.spec.template.metadata?.labels, { app: "api", tier: "back" });
  admitObject(web);
  admitObject(tiered);
});

Deno.test("containerNameOf() takes the image's name, or the fallback when it is no DNS label", () => {
  const cases: [string, string][] = [
    ["nginx", "nginx"],
    ["nginx:1.27", "nginx"],
    ["localhost:5000/My_App:v2", "my-app"],
    ["busybox@sha256:abc", "busybox"],
    ["___", "web"],
  ];
  for (const [image, name] of cases) assert.equal(containerNameOf(image, "web"), name, image);
});

Deno.test("serviceObject() has the original defaults: app=NAME, port 80 to 80, ClusterIP", () => {
  assert.deepEqual(serviceObject("web").spec, {
    type: "ClusterIP",
    selector: { app: "web" },
    ports: [{ protocol: "TCP", port: 80, targetPort: 80 }],
  });
  const api = serviceObject("api", { type: "NodePort", port: 8080, targetPort: "http" });
  assert.deepEqual(api.spec.ports, [{ protocol: "TCP", port: 8080, targetPort: "http" }]);
  admitObject(api);
});
