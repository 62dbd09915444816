import assert from "node:assert/strict";
import { applyDefaults } from "../../lib/api/defaults.ts";
import type { AnyObject, Container, Deployment, Pod, Service } from "../../lib/api/types.ts";
import { makeDeployment, makeNode, makePod, makeService } from "../_fixtures.ts";

const CONTAINER_DEFAULTS = {
  terminationMessagePath: "/dev/termination-log",
  terminationMessagePolicy: "File",
};
const POD_SPEC_DEFAULTS = {
  restartPolicy: "Always",
  terminationGracePeriodSeconds: 30,
  dnsPolicy: "ClusterFirst",
  schedulerName: "default-scheduler",
};

Deno.test("applyDefaults() fills a Pod as Kubernetes' defaulters do", () => {
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web" },
    spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] },
  };
  assert.deepEqual(applyDefaults(pod), {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web", namespace: "default" },
    spec: {
      ...POD_SPEC_DEFAULTS,
      containers: [{
        name: "web",
        image: "nginx:1.27",
        ports: [{ containerPort: 80, protocol: "TCP" }],
        ...CONTAINER_DEFAULTS,
        imagePullPolicy: "IfNotPresent",
      }],
    },
    status: { phase: "Pending", qosClass: "BestEffort" },
  });
});

Deno.test("applyDefaults() picks the pull policy from the image tag", () => {
  const cases: [string, string][] = [
    ["nginx", "Always"],
    ["nginx:latest", "Always"],
    ["nginx:1.27", "IfNotPresent"],
    ["localhost:5000/nginx", "Always"],
    ["localhost:5000/team/nginx:v2", "IfNotPresent"],
    ["nginx@sha256:0123abcd", "IfNotPresent"],
  ];
  for (const [image, policy] of cases) {
    const pod = applyDefaults(makePod("web", { image }));
    assert.equal(pod.spec.containers[0].imagePullPolicy, policy, image);
  }
  const given = applyDefaults(makePod("web", {
    overrides: {
      spec: { containers: [{ name: "web", image: "nginx", imagePullPolicy: "Never" }] },
    },
  }));
  assert.equal(given.spec.containers[0].imagePullPolicy, "Never");
});

Deno.test("applyDefaults() fills probe timings, HTTP path and scheme, and fieldRef versions", () => {
  const container: Container = {
    name: "web",
    image: "nginx:1.27",
    livenessProbe: { httpGet: { port: 8080 }, periodSeconds: 3 },
    readinessProbe: { tcpSocket: { port: 8080 }, failureThreshold: 5 },
    env: [{ name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
  };
  const pod = applyDefaults(makePod("web", { overrides: { spec: { containers: [container] } } }));
  assert.deepEqual(pod.spec.containers[0].livenessProbe, {
    httpGet: { port: 8080, path: "/", scheme: "HTTP" },
    periodSeconds: 3,
    timeoutSeconds: 1,
    successThreshold: 1,
    failureThreshold: 3,
  });
  assert.deepEqual(pod.spec.containers[0].readinessProbe, {
    tcpSocket: { port: 8080 },
    failureThreshold: 5,
    timeoutSeconds: 1,
    periodSeconds: 10,
    successThreshold: 1,
  });
  assert.deepEqual(pod.spec.containers[0].env, [
    { name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName", apiVersion: "v1" } } },
  ]);
});

Deno.test("applyDefaults() copies limits into missing requests and sets the QoS class", () => {
  const withResources = (resources: Container["resources"]) =>
    applyDefaults(makePod("web", {
      overrides: { spec: { containers: [{ name: "web", image: "nginx:1.27", resources }] } },
    }));
  const guaranteed = withResources({ limits: { cpu: "500m", memory: "128Mi" } });
  assert.deepEqual(guaranteed.spec.containers[0].resources, {
    limits: { cpu: "500m", memory: "128Mi" },
    requests: { cpu: "500m", memory: "128Mi" },
  });
  assert.equal(guaranteed.status?.qosClass, "Guaranteed");
  // A request kept below its limit makes the pod Burstable: 250m < 500m.
  const burstable = withResources({
    requests: { cpu: "250m" },
    limits: { cpu: "500m", memory: "1Gi" },
  });
  assert.deepEqual(burstable.spec.containers[0].resources?.requests, {
    cpu: "250m",
    memory: "1Gi",
  });
  assert.equal(burstable.status?.qosClass, "Burstable");
  // Equal values written differently still count as equal: 0.5 == 500m.
  const equal = withResources({ requests: { cpu: "0.5" }, limits: { cpu: "500m", memory: "1Gi" } });
  assert.equal(equal.status?.qosClass, "Guaranteed");
});

Deno.test("applyDefaults() leaves a Pod's existing status phase alone", () => {
  const pod = applyDefaults(makePod("web", { overrides: { status: { phase: "Running" } } }));
  assert.deepEqual(pod.status, { phase: "Running", qosClass: "BestEffort" });
});

Deno.test("applyDefaults() fills a Deployment and its pod template", () => {
  const deployment = makeDeployment("web");
  delete deployment.spec.replicas;
  assert.deepEqual(applyDefaults(deployment), {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default" },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "web" } },
      strategy: {
        type: "RollingUpdate",
        rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          ...POD_SPEC_DEFAULTS,
          containers: [{
            name: "web",
            image: "nginx:1.27",
            ...CONTAINER_DEFAULTS,
            imagePullPolicy: "IfNotPresent",
          }],
        },
      },
    },
  });
});

Deno.test("applyDefaults() keeps Deployment strategy choices and template resources", () => {
  const recreate = applyDefaults(
    makeDeployment("web", { overrides: { spec: { strategy: { type: "Recreate" } } } }),
  );
  assert.deepEqual(recreate.spec.strategy, { type: "Recreate" });
  const partial = applyDefaults(makeDeployment("web", {
    overrides: { spec: { strategy: { rollingUpdate: { maxSurge: 1 } } } },
  }));
  assert.deepEqual(partial.spec.strategy, {
    type: "RollingUpdate",
    rollingUpdate: { maxSurge: 1, maxUnavailable: "25%" },
  });
  // Requests come from limits for Pods only, as SetDefaults_Pod is not run on templates.
  const limited = makeDeployment("web");
  limited.spec.template.spec.containers[0].resources = { limits: { cpu: "1" } };
  const defaulted: Deployment = applyDefaults(limited);
  assert.deepEqual(defaulted.spec.template.spec.containers[0].resources, { limits: { cpu: "1" } });
});

Deno.test("applyDefaults() fills Service type, affinity, protocols and target ports", () => {
  const service = makeService("web", {
    overrides: {
      spec: { ports: [{ port: 80 }, { name: "metrics", port: 9090, targetPort: "metrics" }] },
    },
  });
  assert.deepEqual(applyDefaults(service), {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "default" },
    spec: {
      type: "ClusterIP",
      sessionAffinity: "None",
      internalTrafficPolicy: "Cluster",
      selector: { app: "web" },
      ports: [
        { port: 80, protocol: "TCP", targetPort: 80 },
        { name: "metrics", port: 9090, protocol: "TCP", targetPort: "metrics" },
      ],
    },
  });
  const nodePort: Service = applyDefaults(makeService("web", { type: "NodePort" }));
  assert.equal(nodePort.spec.externalTrafficPolicy, "Cluster");
});

Deno.test("applyDefaults() fills cluster-scoped kinds and drops their namespace", () => {
  const cases: [AnyObject, AnyObject][] = [
    [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev", namespace: "x" } },
      {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: "dev" },
        status: { phase: "Active" },
      },
    ],
    [
      {
        apiVersion: "v1",
        kind: "Node",
        metadata: { name: "n1" },
        status: { capacity: { cpu: "2", memory: "4Gi" } },
      },
      {
        apiVersion: "v1",
        kind: "Node",
        metadata: { name: "n1" },
        status: { capacity: { cpu: "2", memory: "4Gi" }, allocatable: { cpu: "2", memory: "4Gi" } },
      },
    ],
    [
      { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: "n1" } },
      {
        apiVersion: "coordination.k8s.io/v1",
        kind: "Lease",
        metadata: { name: "n1", namespace: "default" },
      },
    ],
  ];
  for (const [input, expected] of cases) assert.deepEqual(applyDefaults(input), expected);
  const node = makeNode("n1", { cpu: "8" });
  node.status!.allocatable = { cpu: "7" };
  assert.deepEqual(applyDefaults(node).status?.allocatable, { cpu: "7" });
});

Deno.test("applyDefaults() never mutates its input", () => {
  const inputs: AnyObject[] = [
    makePod("web", {
      overrides: { spec: { containers: [{ name: "web", resources: { limits: { cpu: "1" } } }] } },
    }),
    makeDeployment("web"),
    makeService("web"),
    makeNode("n1"),
  ];
  for (const input of inputs) {
    const before = structuredClone(input);
    const output = applyDefaults(input);
    assert.deepEqual(input, before);
    assert.notEqual(output, input);
  }
});
