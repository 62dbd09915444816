import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { nodeManifests, webDeployment } from "../_manifests.ts";
import { withDb } from "./_kclone.ts";
import { kubectl, kubectlPresent, startServer } from "./_kubectl.ts";

const SETUP = `${nodeManifests("node-a", "node-b")}---\n${
  webDeployment({ image: "nginx", requests: { cpu: "500m", memory: "128Mi" } })
}`;

/** The pods of `kubectl get pods -o wide` as name → node. */
function podNodes(table: string): Map<string, string> {
  const [header, ...rows] = table.trim().split("\n");
  const nodeColumn = header.split(/\s+/).indexOf("NODE");
  return new Map(rows.map((row) => {
    const cells = row.split(/\s+/);
    return [cells[0], cells[nodeColumn]];
  }));
}

Deno.test("the real kubectl drains a node through the eviction subresource of kclone server", async () => {
  if (!(await kubectlPresent())) {
    console.log("skipped: kubectl is not installed");
    return;
  }
  await withDb(async (db) => {
    const setup = await Cluster.open({ db });
    try {
      await setup.apply(SETUP);
      await setup.settle();
    } finally {
      await setup.close();
    }
    const server = await startServer(db);
    const { kubeconfig } = server;
    try {
      const before = podNodes((await kubectl(kubeconfig, ["get", "pods", "-o", "wide"])).stdout);
      const onA = [...before].filter(([, node]) => node === "node-a").map(([name]) => name);
      assert.ok(onA.length > 0, `no pod on node-a: ${[...before]}`);

      const drain = await kubectl(kubeconfig, ["drain", "node-a", "--ignore-daemonsets"]);
      assert.equal(drain.code, 0, drain.stderr);
      const said = drain.stdout + drain.stderr;
      assert.match(drain.stdout, /^node\/node-a cordoned\n/);
      for (const name of onA) {
        assert.ok(said.includes(`evicting pod default/${name}\n`), said);
        assert.ok(drain.stdout.includes(`pod/${name} evicted\n`), drain.stdout);
      }
      assert.match(drain.stdout, /node\/node-a drained\n$/);

      // The server's control loop runs on real time: poll kubectl (each run takes a while).
      let after = new Map<string, string>();
      for (let attempt = 0; attempt < 100; attempt++) {
        after = podNodes((await kubectl(kubeconfig, ["get", "pods", "-o", "wide"])).stdout);
        if (after.size === 3 && [...after.values()].every((node) => node === "node-b")) break;
      }
      assert.equal(after.size, 3, [...after].join(" "));
      assert.deepEqual([...after.values()], ["node-b", "node-b", "node-b"]);
      for (const name of onA) assert.equal(after.has(name), false);

      const nodes = (await kubectl(kubeconfig, ["get", "nodes"])).stdout;
      assert.match(nodes, /node-a\s+\S*SchedulingDisabled/);

      const [pod] = after.keys();
      const logs = await kubectl(kubeconfig, ["logs", pod]);
      assert.equal(logs.code, 1);
      assert.equal(
        logs.stderr,
        `Error from server (BadRequest): pod "${pod}" has no logs: kclone runs this pod simulated, without a process (real pods come with kclone agent)\n`,
      );
    } finally {
      await server.stop();
    }
  });
});
