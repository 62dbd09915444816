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

Deno.test("kubectl get pods shows 1,200 pods once each: its Table in one answer, -o name in pages of 500", async () => {
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
      // -v=6 logs each request: the Table comes whole (kubectl's client-side rate limit would
      // make many pages slow), so kubectl's default --chunk-size=500 takes one.
      const all = await kubectl(server.kubeconfig, ["get", "pods", "-A", "--no-headers", "-v=6"]);
      assert.equal(all.code, 0, all.stderr);
      const rows = all.stdout.trimEnd().split("\n").map((line) => line.split(/ +/, 2).join("/"));
      const expected = ["default", "dev"].flatMap((ns) =>
        Array.from({ length: PER_NAMESPACE }, (_, i) => `${ns}/${podName(i)}`)
      );
      assert.deepEqual(rows, expected);
      const requests = all.stderr.match(/GET \S+\/api\/v1\/pods\?\S+ 200 OK/g) ?? [];
      assert.equal(requests.length, 1, all.stderr);
      assert.match(requests[0], /\?limit=500 /);

      // -o name asks for plain lists, which page: 500, then the 100 left.
      const names = await kubectl(server.kubeconfig, [
        "get",
        "pods",
        "-n",
        "dev",
        "-o",
        "name",
        "-v=6",
      ]);
      assert.equal(names.code, 0, names.stderr);
      const pages = names.stderr.match(/GET \S+\/pods\?\S+ 200 OK/g) ?? [];
      assert.equal(pages.length, 2, names.stderr);
      assert.match(pages[1], /\?continue=\S+&limit=500 /);
      assert.deepEqual(
        names.stdout.trimEnd().split("\n"),
        Array.from({ length: PER_NAMESPACE }, (_, i) => `pod/${podName(i)}`),
      );
    } finally {
      await server.stop();
    }
  });
});
