import assert from "node:assert/strict";
import { FakeClock } from "../../lib/api/clock.ts";
import { BadRequestError } from "../../lib/api/errors.ts";
import type { Pod } from "../../lib/api/types.ts";
import { ControlPlane } from "../../lib/controllers/control_plane.ts";
import type { Controller } from "../../lib/controllers/controller.ts";
import { objectKeyOf, splitKey } from "../../lib/controllers/controller.ts";
import { MemoryStore } from "../../lib/store/memory.ts";
import { makePod } from "../_fixtures.ts";

/** A toy controller: labels every pod `seen=true`, and once an hour stamps `tick`. */
function labeller(log: string[]): Controller {
  return {
    name: "labeller",
    keysFor: (event) =>
      event.type !== "DELETED" && event.object.kind === "Pod"
        ? [objectKeyOf(event.object.metadata.namespace, event.object.metadata.name!)]
        : [],
    async reconcile(key, { cache, store }) {
      log.push(key);
      const { namespace, name } = splitKey(key);
      const pod = cache.get("Pod", namespace, name);
      if (!pod) return;
      if (pod.metadata.labels?.seen !== "true") {
        await store.update({ ...pod, metadata: { ...pod.metadata, labels: { seen: "true" } } });
      }
      return { requeueAfterMs: 3_600_000 };
    },
  };
}

Deno.test("settle() runs reconcilers until nothing is left, and stops there", async () => {
  const store = new MemoryStore();
  const clock = new FakeClock();
  const log: string[] = [];
  const plane = new ControlPlane(store, clock, [labeller(log)]);
  await store.create({ ...makePod("a"), metadata: { name: "a", namespace: "default" } } as Pod);
  await store.create({ ...makePod("b"), metadata: { name: "b", namespace: "default" } } as Pod);
  const result = await plane.settle();
  assert.equal(result.converged, true);
  const labels = (await store.list("Pod")).items.map((p) => p.metadata.labels?.seen);
  assert.deepEqual(labels, ["true", "true"]);
  // a, b labelled in round 1; their MODIFIED events bring them back once in round 2.
  assert.deepEqual(log, ["default/a", "default/b", "default/a", "default/b"]);
  const again = await plane.settle();
  assert.equal(again.reconciles, 0, "nothing to do until the clock moves");
  clock.advance(3_600_000);
  const later = await plane.settle();
  assert.equal(later.reconciles, 2, "the hourly requeue is due");
  await store.close();
});

Deno.test("settle() reports when it does not converge", async () => {
  const store = new MemoryStore();
  const flapper: Controller = {
    name: "flapper",
    keysFor: (event) =>
      event.object.kind === "Pod" && event.type !== "DELETED" ? ["default/a"] : [],
    async reconcile(_key, { cache, store }) {
      const pod = cache.get("Pod", "default", "a")!;
      const next = pod.metadata.labels?.v === "1" ? "2" : "1";
      await store.update({ ...pod, metadata: { ...pod.metadata, labels: { v: next } } });
    },
  };
  const plane = new ControlPlane(store, new FakeClock(), [flapper]);
  await store.create({ ...makePod("a"), metadata: { name: "a", namespace: "default" } } as Pod);
  const result = await plane.settle({ maxRounds: 5 });
  assert.equal(result.converged, false);
  assert.equal(result.rounds, 5);
  await store.close();
});

Deno.test("the cache lists everything again when the log was compacted past it", async () => {
  const store = new MemoryStore({ historySize: 2 });
  const log: string[] = [];
  const plane = new ControlPlane(store, new FakeClock(), [labeller(log)]);
  await plane.settle();
  for (const name of ["a", "b", "c", "d", "e"]) {
    await store.create({ ...makePod(name), metadata: { name, namespace: "default" } } as Pod);
  }
  const result = await plane.settle();
  assert.equal(result.converged, true);
  assert.equal(plane.cache.count("Pod"), 5);
  const labels = (await store.list("Pod")).items.map((p) => p.metadata.labels?.seen);
  assert.deepEqual(labels, ["true", "true", "true", "true", "true"]);
  await store.close();
});

Deno.test("settle() ends at the next reconcile once its signal aborts (a control loop stopping mid-pass)", async () => {
  const store = new MemoryStore();
  const log: string[] = [];
  const stop = new AbortController();
  const stopper: Controller = {
    ...labeller(log),
    async reconcile(key, context) {
      const result = await labeller(log).reconcile(key, context);
      if (log.length === 3) stop.abort();
      return result;
    },
  };
  const plane = new ControlPlane(store, new FakeClock(), [stopper]);
  for (let i = 0; i < 50; i++) {
    await store.create({ ...makePod(`p${i}`), metadata: { name: `p${i}`, namespace: "default" } });
  }
  const result = await plane.settle({ signal: stop.signal });
  assert.equal(result.converged, false);
  assert.equal(log.length, 3);
  assert.equal(result.reconciles, 3);
});

Deno.test("a settle whose last attempt at a key failed for good leaves no checkpoint to resume from", async () => {
  const store = new MemoryStore();
  let fail = true;
  const picky: Controller = {
    name: "picky",
    keysFor: (event) =>
      event.object.kind === "Pod" && event.type !== "DELETED" ? ["default/a"] : [],
    reconcile() {
      if (fail) return Promise.reject(new BadRequestError("not today"));
      return Promise.resolve();
    },
  };
  const plane = new ControlPlane(store, new FakeClock(), [picky]);
  await store.create({ ...makePod("a"), metadata: { name: "a", namespace: "default" } } as Pod);
  const failed = await plane.settle();
  assert.deepEqual([failed.converged, failed.errors], [true, ["picky default/a: not today"]]);
  assert.equal(plane.checkpoint(), undefined, "the next process must list everything");
  fail = false;
  await store.create({ ...makePod("b"), metadata: { name: "b", namespace: "default" } } as Pod);
  const fine = await plane.settle();
  assert.deepEqual(fine.errors, []);
  assert.notEqual(plane.checkpoint(), undefined);
  await store.close();
});
