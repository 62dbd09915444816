import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { makePod } from "../_fixtures.ts";
import { withDb } from "./_kclone.ts";
import { kubectl, kubectlPresent, startServer } from "./_kubectl.ts";

const PER_NAMESPACE = 600;

/** `pod-0000` .. `pod-0599`: zero-padded, so name order is number order. */
function podName(i: number): string {
  return `pod-${String(i).padStart(4, "0")}`;
}

Deno.test("kubectl get pods pages 1,200 pods in chunks of 500 and shows each once", async () => {
  if (!(await kubectlPresent())) {
    console.log("skipped: kubectl is not installed");
    return;
  }
  await withDb(async (db) => {
    const setup = await Cluster.open({ db });
    await setup.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
    for (const namespace of ["default", "dev"]) {
      for (let i = 0; i < PER_NAMESPACE; i++) {
        await setup.create(makePod(podName(i), { namespace }));
      }
    }
    await setup.close();
    const server = await startServer(db);
    try {
      // -v=6 logs each request: kubectl's default --chunk-size=500 takes three of them.
      const all = await kubectl(server.kubeconfig, ["get", "pods", "-A", "--no-headers", "-v=6"]);
      assert.equal(all.code, 0, all.stderr);
      const rows = all.stdout.trimEnd().split("\n").map((line) => line.split(/ +/, 2).join("/"));
      const expected = ["default", "dev"].flatMap((ns) =>
        Array.from({ length: PER_NAMESPACE }, (_, i) => `${ns}/${podName(i)}`)
      );
      assert.deepEqual(rows, expected);
      const requests = all.stderr.match(/GET \S+\/api\/v1\/pods\?\S+ 200 OK/g) ?? [];
      assert.equal(requests.length, 3, all.stderr);
      assert.match(requests[0], /\?limit=500 /);
      assert.match(requests[1], /\?continue=\S+&limit=500 /);
      assert.match(requests[2], /\?continue=\S+&limit=500 /);

      const names = await kubectl(server.kubeconfig, ["get", "pods", "-n", "dev", "-o", "name"]);
      assert.equal(names.code, 0, names.stderr);
      assert.deepEqual(
        names.stdout.trimEnd().split("\n"),
        Array.from({ length: PER_NAMESPACE }, (_, i) => `pod/${podName(i)}`),
      );
    } finally {
      await server.stop();
    }
  });
});
