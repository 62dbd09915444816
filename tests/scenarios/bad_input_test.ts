import assert from "node:assert/strict";
import { ApiError } from "../../lib/api/errors.ts";
import { deployment, openCluster } from "./_scenario.ts";

const cases: [string, Record<string, unknown>, RegExp][] = [
  [
    "a toleration with Exists and a value",
    { tolerations: [{ key: "k", operator: "Exists", value: "v", effect: "NoSchedule" }] },
    /spec\.template\.spec\.tolerations\[0\]\.operator: Invalid value: .*: value must be empty when `operator` is 'Exists'/,
  ],
  [
    "a node affinity operator Kubernetes does not have",
    {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{
              matchExpressions: [{ key: "zone", operator: "Near", values: ["a"] }],
            }],
          },
        },
      },
    },
    /spec\.template\.spec\.affinity\.nodeAffinity\.requiredDuringSchedulingIgnoredDuringExecution\.nodeSelectorTerms\[0\]\.matchExpressions\[0\]\.operator: Invalid value: "Near": not a valid selector operator/,
  ],
  [
    "Gt with two values",
    {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{
              matchExpressions: [{ key: "cores", operator: "Gt", values: ["1", "2"] }],
            }],
          },
        },
      },
    },
    /matchExpressions\[0\]\.values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'/,
  ],
];

for (const [title, podSpec, message] of cases) {
  Deno.test(`a Deployment with ${title} is Invalid and nothing is written`, async () => {
    const { cluster } = await openCluster();
    try {
      const before = await cluster.store.revision();
      await assert.rejects(
        cluster.apply(deployment("web", { podSpec })),
        (error) => {
          assert.ok(error instanceof ApiError);
          assert.equal(error.code, 422);
          assert.match(error.message, message);
          return true;
        },
      );
      assert.equal(await cluster.store.revision(), before);
    } finally {
      await cluster.close();
    }
  });
}

Deno.test("a selector with an unknown operator is Invalid", async () => {
  const { cluster } = await openCluster();
  try {
    const web = deployment("web");
    web.spec.selector = {
      matchLabels: { app: "web" },
      matchExpressions: [{ key: "tier", operator: "Like" as "In", values: ["a"] }],
    };
    await assert.rejects(cluster.apply(web), /spec\.selector\.matchExpressions\[0\]\.operator/);
    assert.equal(await cluster.get("Deployment", "web"), undefined);
  } finally {
    await cluster.close();
  }
});
