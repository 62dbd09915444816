import assert from "node:assert/strict";
import type { Pod } from "../../lib/api/types.ts";
import { podAffinityOf } from "../../lib/scheduler/_affinity_terms.ts";
import { mayUnblock } from "../../lib/scheduler/_affinity_hint.ts";

function waiting(affinity: NonNullable<Pod["spec"]["affinity"]>) {
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "w", namespace: "default" },
    spec: { containers: [{ name: "c", image: "nginx" }], affinity },
  } as Pod;
  return podAffinityOf(pod, "default")!;
}

const term = {
  labelSelector: { matchLabels: { app: "x" } },
  topologyKey: "kubernetes.io/hostname",
};
const near = waiting({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } });
const away = waiting({
  podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] },
});

Deno.test("mayUnblock(): a pod bound with labels a waiting pod's affinity selects may let it in", () => {
  assert.equal(mayUnblock(near, { namespace: "default", labels: { app: "x" } }), true);
  assert.equal(mayUnblock(near, { namespace: "default", labels: { app: "y" } }), false);
  assert.equal(mayUnblock(near, { namespace: "other", labels: { app: "x" } }), false);
});

Deno.test("mayUnblock(): a pod relabelled away from an anti-affinity's selector may let the waiting pod in", () => {
  const relabelled = { namespace: "default", labels: { app: "y" }, oldLabels: { app: "x" } };
  assert.equal(mayUnblock(away, relabelled), true);
  assert.equal(
    mayUnblock(away, { namespace: "default", labels: { app: "z" }, oldLabels: { app: "y" } }),
    false,
  );
});

Deno.test("mayUnblock(): a term with a namespace selector is assumed to match (the namespace's labels are not at hand)", () => {
  const wide = waiting({
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{ ...term, namespaceSelector: {} }],
    },
  });
  assert.equal(mayUnblock(wide, { namespace: "elsewhere", labels: {} }), true);
});
