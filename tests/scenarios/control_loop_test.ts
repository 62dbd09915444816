import assert from "node:assert/strict";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { deployment, node, openCluster, settle } from "./_scenario.ts";
import type { Lease } from "../../lib/api/types.ts";
import { microTime } from "../../lib/controllers/leader_election.ts";

Deno.test("deleting a Deployment with propagationPolicy Orphan keeps its ReplicaSet and pods", async () => {
  const { cluster } = await openCluster();
  try {
    await cluster.apply([node("node-a")]);
    await cluster.apply(deployment("web", { replicas: 2, cpu: "100m" }));
    await settle(cluster);
    await cluster.delete("Deployment", "web", { propagationPolicy: "Orphan" });
    await settle(cluster);
    const [rs] = await cluster.list("ReplicaSet");
    assert.equal(rs.metadata.ownerReferences, undefined, "the ReplicaSet is an orphan now");
    assert.equal((await cluster.list("Pod")).length, 2);
    await assert.rejects(
      cluster.delete("Deployment", "web", { propagationPolicy: "Orphan" }),
      /deployments\.apps "web" not found/,
    );
  } finally {
    await cluster.close();
  }
});

Deno.test("start() leads and reconciles continuously; another process's settle() waits for it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-loop-" });
  const leader = await Cluster.open({ db: `${dir}/kclone.db`, identity: "leader" });
  const client = await Cluster.open({ db: `${dir}/kclone.db`, identity: "client" });
  try {
    await leader.start({ intervalMs: 20 });
    const held = await leader.store.get("Lease", "kube-system", "kclone-controller-manager");
    assert.equal(held?.spec?.holderIdentity, "leader");
    await client.apply([node("node-a")]);
    await client.apply(deployment("web", { replicas: 3, cpu: "100m" }));
    const result = await client.settle();
    assert.equal(result.rounds, 0, "the client did not reconcile: the leader did");
    const running = (await client.list("Pod")).filter((p) => p.status?.phase === "Running");
    assert.equal(running.length, 3);
    await leader.stop();
    const lease = await client.store.get("Lease", "kube-system", "kclone-controller-manager");
    assert.equal(lease?.spec?.holderIdentity, "", "stop() hands the lease back");
    await client.apply(deployment("web", { replicas: 1, cpu: "100m" }));
    const own = await client.settle();
    assert.ok(own.rounds > 0, "with no leader, settle() reconciles by itself");
    assert.equal((await client.list("Pod")).length, 1);
  } finally {
    await leader.close();
    await client.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("settle() beside a slow control loop waits for as long as the loop takes to look", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kclone-slow-loop-" });
  const leader = await Cluster.open({ db: `${dir}/kclone.db`, identity: "slow-leader" });
  const client = await Cluster.open({ db: `${dir}/kclone.db`, identity: "client" });
  try {
    await leader.start({ intervalMs: 400 });
    const lease = await client.store.get("Lease", "kube-system", "kclone-controller-manager");
    assert.equal(lease?.metadata.annotations?.["kclone.dev/control-loop-interval-ms"], "400");
    await client.apply([node("node-a")]);
    await client.apply(deployment("web", { replicas: 2, cpu: "100m" }));
    const result = await client.settle();
    assert.ok(result.converged, result.errors.join("; "));
    const running = (await client.list("Pod")).filter((p) => p.status?.phase === "Running");
    assert.equal(running.length, 2, "the client waited for the loop's passes, not a fixed 300 ms");
  } finally {
    await leader.close();
    await client.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("settle() after waiting for a leader that let go settles by itself", async () => {
  const { cluster, clock } = await openCluster({ identity: "late" });
  try {
    await cluster.apply([node("node-a")]);
    await cluster.apply(deployment("web", { replicas: 1, cpu: "100m" }));
    // Another short-lived command holds the lease, and lets go without having seen our change.
    const lease = await cluster.store.create<Lease>({
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: "kclone-controller-manager", namespace: "kube-system" },
      spec: {
        holderIdentity: "other",
        leaseDurationSeconds: 15,
        renewTime: microTime(clock.now()),
      },
    });
    const settling = cluster.settle();
    await cluster.store.update<Lease>({ ...lease, spec: { ...lease.spec, holderIdentity: "" } });
    const result = await settling;
    assert.ok(result.converged, result.errors.join("; "));
    const pods = await cluster.list("Pod");
    assert.deepEqual(pods.map((p) => p.status?.phase), ["Running"]);
  } finally {
    await cluster.close();
  }
});
