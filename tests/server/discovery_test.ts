import assert from "node:assert/strict";
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  versionInfo,
} from "../../lib/server/discovery.ts";
import { kubeconfigText } from "../../lib/server/kubeconfig.ts";

Deno.test("versionInfo() reports Kubernetes 1.32 with kclone's version as build metadata", () => {
  const info = versionInfo();
  assert.equal(info.major, "1");
  assert.equal(info.minor, "32");
  assert.equal(info.gitVersion, "v1.32.0+kclone.0.1.0");
});

Deno.test("apiVersions() lists v1 for the core group", () => {
  assert.deepEqual(apiVersions("127.0.0.1:6443"), {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1:6443" }],
  });
});

Deno.test("apiGroupList() lists apps and coordination.k8s.io with their preferred version", () => {
  assert.deepEqual(apiGroupList(), {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: [
      {
        name: "coordination.k8s.io",
        versions: [{ groupVersion: "coordination.k8s.io/v1", version: "v1" }],
        preferredVersion: { groupVersion: "coordination.k8s.io/v1", version: "v1" },
      },
      {
        name: "apps",
        versions: [{ groupVersion: "apps/v1", version: "v1" }],
        preferredVersion: { groupVersion: "apps/v1", version: "v1" },
      },
    ],
  });
  assert.equal(apiGroup("batch"), undefined);
});

Deno.test("apiResourceList() describes each served resource of a group version", () => {
  const verbs = ["create", "delete", "get", "list", "patch", "update", "watch"];
  assert.deepEqual(apiResourceList("apps", "v1"), {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: "apps/v1",
    resources: [
      {
        name: "deployments",
        singularName: "deployment",
        namespaced: true,
        kind: "Deployment",
        verbs,
        shortNames: ["deploy"],
        categories: ["all"],
      },
      {
        name: "deployments/scale",
        singularName: "",
        namespaced: true,
        group: "autoscaling",
        version: "v1",
        kind: "Scale",
        verbs: ["get", "patch", "update"],
      },
      {
        name: "deployments/status",
        singularName: "",
        namespaced: true,
        kind: "Deployment",
        verbs: ["get", "patch", "update"],
      },
      {
        name: "replicasets",
        singularName: "replicaset",
        namespaced: true,
        kind: "ReplicaSet",
        verbs,
        shortNames: ["rs"],
        categories: ["all"],
      },
      {
        name: "replicasets/scale",
        singularName: "",
        namespaced: true,
        group: "autoscaling",
        version: "v1",
        kind: "Scale",
        verbs: ["get", "patch", "update"],
      },
      {
        name: "replicasets/status",
        singularName: "",
        namespaced: true,
        kind: "ReplicaSet",
        verbs: ["get", "patch", "update"],
      },
    ],
  });
  const core = apiResourceList("", "v1") as { resources: { name: string }[] };
  assert.deepEqual(core.resources.map((r) => r.name), [
    "namespaces",
    "namespaces/status",
    "nodes",
    "nodes/status",
    "pods",
    "pods/binding",
    "pods/eviction",
    "pods/log",
    "pods/status",
    "services",
    "services/status",
    "endpoints",
    "events",
  ]);
  assert.equal(apiResourceList("apps", "v2"), undefined);
});

Deno.test("kubeconfigText() names cluster, context and user kclone", () => {
  assert.equal(
    kubeconfigText("http://127.0.0.1:6443"),
    `apiVersion: v1
kind: Config
clusters:
  - name: kclone
    cluster:
      server: http://127.0.0.1:6443
contexts:
  - name: kclone
    context:
      cluster: kclone
      user: kclone
current-context: kclone
users:
  - name: kclone
    user: {}
preferences: {}
`,
  );
});
