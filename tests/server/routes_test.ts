import assert from "node:assert/strict";
import { parseApiPath } from "../../lib/server/routes.ts";

const CASES: [string, ReturnType<typeof parseApiPath>][] = [
  ["/api/v1", { group: "", version: "v1" }],
  ["/apis/apps", { group: "apps", version: "" }],
  ["/apis/apps/v1/", { group: "apps", version: "v1" }],
  ["/api/v1/pods", { group: "", version: "v1", resource: "pods" }],
  ["/api/v1/nodes/node-a", { group: "", version: "v1", resource: "nodes", name: "node-a" }],
  ["/api/v1/namespaces", { group: "", version: "v1", resource: "namespaces" }],
  ["/api/v1/namespaces/dev", { group: "", version: "v1", resource: "namespaces", name: "dev" }],
  ["/api/v1/namespaces/dev/status", {
    group: "",
    version: "v1",
    resource: "namespaces",
    name: "dev",
    subresource: "status",
  }],
  ["/api/v1/namespaces/dev/pods", { group: "", version: "v1", namespace: "dev", resource: "pods" }],
  ["/api/v1/namespaces/dev/pods/web/status", {
    group: "",
    version: "v1",
    namespace: "dev",
    resource: "pods",
    name: "web",
    subresource: "status",
  }],
  ["/apis/apps/v1/namespaces/default/deployments/web", {
    group: "apps",
    version: "v1",
    namespace: "default",
    resource: "deployments",
    name: "web",
  }],
  ["/api/v1/namespaces/default/pods/a%20b", {
    group: "",
    version: "v1",
    namespace: "default",
    resource: "pods",
    name: "a b",
  }],
  ["/api", undefined],
  ["/apis", undefined],
  ["/version", undefined],
  ["/api/v1/pods/web/status/extra", undefined],
  ["/api/v1//pods", undefined],
  ["/api/v1/pods/%E0%A4%A", undefined],
];

for (const [path, expected] of CASES) {
  Deno.test(`parseApiPath() reads ${path}`, () => {
    assert.deepEqual(parseApiPath(path), expected);
  });
}
