import assert from "node:assert/strict";
import { ApiError } from "../../lib/api/errors.ts";
import { applyPatch, type PatchType, patchTypeOf } from "../../lib/server/patch.ts";

const pod = {
  metadata: { name: "web", labels: { app: "web" }, finalizers: ["a"] },
  spec: {
    containers: [
      {
        name: "web",
        image: "nginx",
        ports: [{ containerPort: 80 }, { containerPort: 443 }],
        env: [{ name: "A", value: "1" }, { name: "B", value: "2" }],
        volumeMounts: [{ name: "data", mountPath: "/data" }],
      },
      { name: "log", image: "busybox" },
    ],
    tolerations: [{ key: "a", operator: "Exists" }],
  },
  status: {
    conditions: [{ type: "Ready", status: "False" }, { type: "Scheduled", status: "True" }],
  },
};

const cases: { name: string; type: PatchType; patch: unknown; want: unknown }[] = [
  {
    name: "a merge patch sets, replaces lists whole and deletes with null",
    type: "merge",
    patch: { metadata: { labels: { app: null, tier: "front" } }, spec: { tolerations: [] } },
    want: {
      ...pod,
      metadata: { ...pod.metadata, labels: { tier: "front" } },
      spec: { ...pod.spec, tolerations: [] },
    },
  },
  {
    name: "a JSON patch adds, replaces and removes by pointer",
    type: "json",
    patch: [
      { op: "test", path: "/spec/containers/1/name", value: "log" },
      { op: "replace", path: "/spec/containers/0/image", value: "nginx:1.27" },
      { op: "add", path: "/metadata/labels/tier", value: "front" },
      { op: "remove", path: "/spec/tolerations" },
      { op: "add", path: "/metadata/finalizers/-", value: "b" },
    ],
    want: {
      metadata: { name: "web", labels: { app: "web", tier: "front" }, finalizers: ["a", "b"] },
      spec: {
        containers: [{ ...pod.spec.containers[0], image: "nginx:1.27" }, pod.spec.containers[1]],
      },
      status: pod.status,
    },
  },
  {
    name: "a JSON patch moves and copies, with ~1 escaping a slash",
    type: "json",
    patch: [
      {
        op: "copy",
        from: "/metadata/labels/app",
        path: "/metadata/labels/app.kubernetes.io~1name",
      },
      { op: "move", from: "/metadata/finalizers", path: "/metadata/ownedBy" },
    ],
    want: {
      ...pod,
      metadata: {
        name: "web",
        labels: { app: "web", "app.kubernetes.io/name": "web" },
        ownedBy: ["a"],
      },
    },
  },
  {
    name: "a strategic merge patch merges containers, env and ports by their keys",
    type: "strategic",
    patch: {
      spec: {
        containers: [{
          name: "web",
          image: "nginx:1.27",
          env: [{ name: "B", value: "3" }, { name: "C", value: "4" }],
          ports: [{ containerPort: 8080 }],
        }],
      },
    },
    want: {
      ...pod,
      spec: {
        ...pod.spec,
        containers: [
          {
            ...pod.spec.containers[0],
            image: "nginx:1.27",
            env: [{ name: "A", value: "1" }, { name: "B", value: "3" }, { name: "C", value: "4" }],
            // A new entry goes before the original ones still to place, as in kube-apiserver.
            ports: [{ containerPort: 8080 }, { containerPort: 80 }, { containerPort: 443 }],
          },
          pod.spec.containers[1],
        ],
      },
    },
  },
  {
    name: "a strategic merge patch replaces tolerations and merges conditions by type",
    type: "strategic",
    patch: {
      spec: { tolerations: [{ key: "b", operator: "Exists" }] },
      status: { conditions: [{ type: "Ready", status: "True" }] },
    },
    want: {
      ...pod,
      spec: { ...pod.spec, tolerations: [{ key: "b", operator: "Exists" }] },
      status: {
        conditions: [{ type: "Ready", status: "True" }, { type: "Scheduled", status: "True" }],
      },
    },
  },
  {
    name: "$patch: delete removes a list entry and $setElementOrder orders the merged list",
    type: "strategic",
    patch: {
      metadata: { finalizers: ["b"] },
      spec: {
        "$setElementOrder/containers": [{ name: "log" }, { name: "web" }],
        containers: [{
          name: "web",
          "$setElementOrder/env": [{ name: "B" }],
          env: [{ name: "A", $patch: "delete" }],
        }],
      },
    },
    want: {
      ...pod,
      metadata: { ...pod.metadata, finalizers: ["a", "b"] },
      spec: {
        ...pod.spec,
        containers: [pod.spec.containers[1], {
          ...pod.spec.containers[0],
          env: [{ name: "B", value: "2" }],
        }],
      },
    },
  },
  {
    name: "$patch: replace replaces a list or a map whole",
    type: "strategic",
    patch: {
      metadata: { labels: { tier: "front", $patch: "replace" } },
      spec: { containers: [{ $patch: "replace" }, { name: "only", image: "redis" }] },
    },
    want: {
      ...pod,
      metadata: { ...pod.metadata, labels: { tier: "front" } },
      spec: { ...pod.spec, containers: [{ name: "only", image: "redis" }] },
    },
  },
];

for (const c of cases) {
  Deno.test(`applyPatch(): ${c.name}`, () => {
    const before = structuredClone(pod);
    assert.deepEqual(applyPatch(pod, c.patch, c.type), c.want);
    assert.deepEqual(pod, before, "the current object is left untouched");
  });
}

const errors: { name: string; type: PatchType; patch: unknown; code: number; message: RegExp }[] = [
  {
    name: "a failed JSON patch test is Invalid",
    type: "json",
    patch: [{ op: "test", path: "/metadata/name", value: "db" }],
    code: 422,
    message: /testing value \/metadata\/name failed/,
  },
  {
    name: "a JSON patch on a missing path is Invalid",
    type: "json",
    patch: [{ op: "replace", path: "/spec/nope", value: 1 }],
    code: 422,
    message: /replace operation does not apply: doc is missing key: \/spec\/nope/,
  },
  {
    name: "a JSON patch that is no list is BadRequest",
    type: "json",
    patch: { op: "add" },
    code: 400,
    message: /invalid JSON Patch/,
  },
  {
    name: "an unknown JSON patch op is BadRequest",
    type: "json",
    patch: [{ op: "frob", path: "/a" }],
    code: 400,
    message: /Unexpected kind: frob/,
  },
  {
    name: "a merge patch that is no object is BadRequest",
    type: "merge",
    patch: [1],
    code: 400,
    message: /cannot unmarshal array into Go value of type map\[string\]interface \{\}/,
  },
  {
    name: "an unknown $patch directive is BadRequest",
    type: "strategic",
    patch: { spec: { $patch: "frob" } },
    code: 400,
    message: /Unknown patch type: frob/,
  },
  {
    name: "server-side apply answers 415 here (objects take it through applyRequest)",
    type: "apply",
    patch: {},
    code: 415,
    message: /server-side apply/,
  },
];

for (const c of errors) {
  Deno.test(`applyPatch(): ${c.name}`, () => {
    assert.throws(
      () => applyPatch(pod, c.patch, c.type),
      (e: unknown) => e instanceof ApiError && e.code === c.code && c.message.test(e.message),
    );
  });
}

Deno.test("patchTypeOf() reads the Content-Type and answers 415 for others", () => {
  assert.equal(patchTypeOf("application/json-patch+json"), "json");
  assert.equal(patchTypeOf("application/merge-patch+json; charset=utf-8"), "merge");
  assert.equal(patchTypeOf("application/strategic-merge-patch+json"), "strategic");
  assert.equal(patchTypeOf("application/apply-patch+yaml"), "apply");
  assert.throws(
    () => patchTypeOf("application/json"),
    (e: unknown) => e instanceof ApiError && e.code === 415,
  );
});

Deno.test("applyPatch(): a strategic merge patch puts a new container first, as kubectl patch shows", () => {
  const patched = applyPatch(
    pod,
    { spec: { containers: [{ name: "sidecar", image: "envoy" }] } },
    "strategic",
  ) as { spec: { containers: { name: string }[] } };
  assert.deepEqual(patched.spec.containers.map((c) => c.name), ["sidecar", "web", "log"]);
});
