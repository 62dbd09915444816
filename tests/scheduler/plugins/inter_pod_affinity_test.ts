import assert from "node:assert/strict";
import type { Affinity, PodAffinityTerm, WeightedPodAffinityTerm } from "../../../lib/api/types.ts";
import { interPodAffinity } from "../../../lib/scheduler/mod.ts";
import { makeNode, makePod } from "../../_fixtures.ts";
import { cacheOf, filterReasons, filterStatus, scores } from "../_helpers.ts";

const AFFINITY = ["node(s) didn't match pod affinity rules"];
const ANTI = ["node(s) didn't match pod anti-affinity rules"];
const EXISTING = ["node(s) didn't satisfy existing pods anti-affinity rules"];
const HOST = "kubernetes.io/hostname";
const ZONE = "topology.kubernetes.io/zone";

const term = (
  app: string,
  topologyKey: string,
  extra: Partial<PodAffinityTerm> = {},
): PodAffinityTerm => ({
  labelSelector: { matchLabels: { app } },
  topologyKey,
  ...extra,
});
const withAffinity = (name: string, app: string, affinity: Affinity, nodeName?: string) =>
  makePod(name, { labels: { app }, nodeName, overrides: { spec: { affinity } } });
const zoned = (name: string, zone?: string) =>
  makeNode(name, { labels: zone ? { [ZONE]: zone } : {} });

Deno.test("InterPodAffinity filter: required anti-affinity keeps one replica per node", () => {
  const anti: Affinity = {
    podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("web", HOST)] },
  };
  const cache = cacheOf([makeNode("a"), makeNode("b")], [withAffinity("web-1", "web", anti, "a")]);
  const pod = withAffinity("web-2", "web", anti);
  assert.deepEqual(filterReasons(interPodAffinity, pod, cache, "a"), ANTI);
  assert.deepEqual(filterReasons(interPodAffinity, pod, cache, "b"), []);
  const status = filterStatus(interPodAffinity, pod, cache, "a");
  assert.equal(status !== "Skip" && status?.code, "Unschedulable");
});

Deno.test("InterPodAffinity filter: required affinity wants a matching pod in the same domain", () => {
  const cache = cacheOf([zoned("a", "z1"), zoned("b", "z1"), zoned("c", "z2"), zoned("d")], [
    makePod("db", { labels: { app: "db" }, nodeName: "a" }),
  ]);
  const pod = withAffinity("web", "web", {
    podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("db", ZONE)] },
  });
  // a and b share zone z1 with the db pod; c is in z2; d has no zone label at all.
  const verdicts = ["a", "b", "c", "d"].map((n) => filterReasons(interPodAffinity, pod, cache, n));
  assert.deepEqual(verdicts, [[], [], AFFINITY, AFFINITY]);
  const status = filterStatus(interPodAffinity, pod, cache, "c");
  assert.equal(status !== "Skip" && status?.code, "UnschedulableAndUnresolvable");
});

Deno.test("InterPodAffinity filter: the first pod of a self-affine group may go anywhere labelled", () => {
  const cache = cacheOf([zoned("a", "z1"), zoned("b")]);
  const affinity: Affinity = {
    podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("web", ZONE)] },
  };
  // No pod matches yet and the pod matches its own term: nodes with a zone label pass.
  assert.deepEqual(
    filterReasons(interPodAffinity, withAffinity("web", "web", affinity), cache, "a"),
    [],
  );
  assert.deepEqual(
    filterReasons(interPodAffinity, withAffinity("web", "web", affinity), cache, "b"),
    AFFINITY,
  );
  // A pod that does not match its own term finds no partner.
  assert.deepEqual(
    filterReasons(interPodAffinity, withAffinity("api", "api", affinity), cache, "a"),
    AFFINITY,
  );
});

Deno.test("InterPodAffinity filter: running pods' required anti-affinity keeps the pod out", () => {
  const db = withAffinity("db", "db", {
    podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("web", ZONE)] },
  }, "a");
  const cache = cacheOf([zoned("a", "z1"), zoned("b", "z1"), zoned("c", "z2")], [db]);
  const web = makePod("web", { labels: { app: "web" } });
  const verdicts = ["a", "b", "c"].map((n) => filterReasons(interPodAffinity, web, cache, n));
  assert.deepEqual(verdicts, [EXISTING, EXISTING, []]);
});

Deno.test("InterPodAffinity filter: terms look in the pod's namespace unless told otherwise", () => {
  const cache = cacheOf([makeNode("a")], [
    makePod("web-1", { labels: { app: "web" }, namespace: "other", nodeName: "a" }),
  ]);
  const own = withAffinity("web-2", "web", {
    podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("web", HOST)] },
  });
  const all = withAffinity("web-3", "web", {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        term("web", HOST, { namespaceSelector: {} }),
      ],
    },
  });
  const listed = withAffinity("web-4", "web", {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        term("web", HOST, { namespaces: ["other"] }),
      ],
    },
  });
  assert.deepEqual(filterReasons(interPodAffinity, own, cache, "a"), []);
  assert.deepEqual(filterReasons(interPodAffinity, all, cache, "a"), ANTI);
  assert.deepEqual(filterReasons(interPodAffinity, listed, cache, "a"), ANTI);
});

Deno.test("InterPodAffinity filter: namespaceSelector matches namespace labels", () => {
  const cache = cacheOf([makeNode("a")], [
    makePod("web-1", { labels: { app: "web" }, namespace: "team-a", nodeName: "a" }),
  ]);
  cache.addNamespace({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: "team-a", labels: { team: "a" } },
  });
  const select = (team: string) =>
    withAffinity("web-2", "web", {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          term("web", HOST, { namespaceSelector: { matchLabels: { team } } }),
        ],
      },
    });
  assert.deepEqual(filterReasons(interPodAffinity, select("a"), cache, "a"), ANTI);
  assert.deepEqual(filterReasons(interPodAffinity, select("b"), cache, "a"), []);
});

Deno.test("InterPodAffinity filter: skipped when no pod anywhere has required terms", () => {
  const cache = cacheOf([makeNode("a")], [makePod("web-1", { nodeName: "a" })]);
  assert.equal(filterReasons(interPodAffinity, makePod("web-2"), cache, "a"), "Skip");
});

const weighted = (weight: number, app: string): WeightedPodAffinityTerm => ({
  weight,
  podAffinityTerm: term(app, HOST),
});
const dbPods = [
  makePod("db-1", { labels: { app: "db" }, nodeName: "a" }),
  makePod("db-2", { labels: { app: "db" }, nodeName: "a" }),
  makePod("db-3", { labels: { app: "db" }, nodeName: "b" }),
];

Deno.test("InterPodAffinity score: preferred affinity sums weights per domain, scaled min..max", () => {
  const cache = cacheOf([makeNode("a"), makeNode("b"), makeNode("c")], dbPods);
  const pod = withAffinity("web", "web", {
    podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(50, "db")] },
  });
  // Raw: a 2 × 50 = 100, b 50, c 0. Scaled (raw - 0) * 100 / 100: 100, 50, 0.
  assert.deepEqual(scores(interPodAffinity, pod, cache), {
    raw: [100, 50, 0],
    normalized: [100, 50, 0],
  });
});

Deno.test("InterPodAffinity score: preferred anti-affinity subtracts", () => {
  const cache = cacheOf([makeNode("a"), makeNode("b"), makeNode("c")], dbPods);
  const pod = withAffinity("web", "web", {
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(50, "db")] },
  });
  // Raw: a -100, b -50, c 0. Scaled (raw + 100) * 100 / 100: 0, 50, 100.
  assert.deepEqual(scores(interPodAffinity, pod, cache), {
    raw: [-100, -50, 0],
    normalized: [0, 50, 100],
  });
});

Deno.test("InterPodAffinity score: running pods' terms about the incoming pod count too", () => {
  const shy = withAffinity("db-1", "db", {
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(10, "web")] },
  }, "a");
  const friend = withAffinity("cache-1", "cache", {
    podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term("web", HOST)] },
  }, "b");
  const cache = cacheOf([makeNode("a"), makeNode("b"), makeNode("c")], [shy, friend]);
  // Raw: a -10 (db-1 prefers to avoid web), b +1 (cache-1 requires web: hardPodAffinityWeight 1),
  // c 0. Scaled over -10..1: (raw + 10) * 100 / 11 → 0, 100, 90 (90.9 truncated).
  assert.deepEqual(scores(interPodAffinity, makePod("web", { labels: { app: "web" } }), cache), {
    raw: [-10, 1, 0],
    normalized: [0, 100, 90],
  });
});

Deno.test("InterPodAffinity score: skipped when no term touches any domain", () => {
  const cache = cacheOf([makeNode("a")], dbPods.slice(0, 1));
  assert.equal(scores(interPodAffinity, makePod("web"), cache), "Skip");
});
