import assert from "node:assert/strict";
import { FakeClock } from "../../lib/api/clock.ts";
import { LeaderElector, leaseAction, microTime } from "../../lib/controllers/leader_election.ts";
import { MemoryStore } from "../../lib/store/memory.ts";
import type { Lease } from "../../lib/api/types.ts";

const lease = (holder: string, renewedAt: number): Lease => ({
  apiVersion: "coordination.k8s.io/v1",
  kind: "Lease",
  metadata: { name: "l", namespace: "kube-system" },
  spec: { holderIdentity: holder, leaseDurationSeconds: 15, renewTime: microTime(renewedAt) },
});

Deno.test("leaseAction() decides as client-go's leader election", () => {
  const t = Date.UTC(2026, 0, 1);
  assert.equal(leaseAction(undefined, "a", t), "create");
  assert.equal(leaseAction(lease("a", t), "a", t + 60_000), "renew");
  assert.equal(leaseAction(lease("b", t), "a", t + 14_999), "follow"); // renewed 14.999 s ago
  assert.equal(leaseAction(lease("b", t), "a", t + 15_000), "take-over"); // 15 s: expired
  assert.equal(leaseAction(lease("", t), "a", t), "take-over"); // released
});

Deno.test("microTime() writes Kubernetes' MicroTime", () => {
  assert.equal(microTime(Date.UTC(2026, 0, 1, 0, 0, 0, 123)), "2026-01-01T00:00:00.123000Z");
});

Deno.test("one leader at a time; another takes over when it stops renewing, or at once on release", async () => {
  const store = new MemoryStore();
  await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "kube-system" } });
  const clock = new FakeClock();
  const a = new LeaderElector(store, clock, "a");
  const b = new LeaderElector(store, clock, "b");
  assert.equal(await a.tryAcquireOrRenew(), true);
  assert.equal(await b.tryAcquireOrRenew(), false);
  clock.advance(10_000);
  assert.equal(await a.tryAcquireOrRenew(), true, "a renews");
  clock.advance(14_000);
  assert.equal(await b.tryAcquireOrRenew(), false, "renewed 14 s ago: still live");
  clock.advance(1_000);
  assert.equal(await b.tryAcquireOrRenew(), true, "a stopped renewing 15 s ago");
  assert.equal((await b.lease())?.spec?.leaseTransitions, 1);
  assert.equal(await a.tryAcquireOrRenew(), false, "a lost the lease");
  await b.release();
  assert.equal(await a.tryAcquireOrRenew(), true, "a released lease is taken at once");
  await store.close();
});

Deno.test("two candidates racing for a free lease: exactly one wins", async () => {
  const store = new MemoryStore();
  const clock = new FakeClock();
  const candidates = ["a", "b", "c"].map((id) => new LeaderElector(store, clock, id));
  const wins = await Promise.all(candidates.map((c) => c.tryAcquireOrRenew()));
  assert.equal(wins.filter(Boolean).length, 1);
  await store.close();
});
