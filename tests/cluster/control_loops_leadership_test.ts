import assert from "node:assert/strict";
import { FakeClock } from "../../lib/api/clock.ts";
import { ServiceUnavailableError } from "../../lib/api/errors.ts";
import type { Lease, Pod } from "../../lib/api/types.ts";
import { ControlLoops } from "../../lib/cluster/control_loops.ts";
import { MemoryStore } from "../../lib/store/memory.ts";
import type { Store } from "../../lib/store/store.ts";
import { makeDeployment, makeNode } from "../_fixtures.ts";

/** How a wrapped store misbehaves. */
interface Faults {
  /** Every call fails as calls to an unreachable etcd do. */
  down?: boolean;
  /** Clock milliseconds each write takes (a slow etcd). */
  writeMs?: number;
}

/** `store` as one process sees it, with `faults` applied to its calls. */
function faulty(store: Store, clock: FakeClock, faults: Faults): Store {
  const writes = new Set(["create", "update", "delete", "batch"]);
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (faults.down) {
          throw new ServiceUnavailableError("etcd is unavailable (connection refused)");
        }
        if (writes.has(String(property))) clock.advance(faults.writeMs ?? 0);
        return value.apply(target, args);
      };
    },
  });
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!await condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function seeded(): Promise<MemoryStore> {
  const store = new MemoryStore();
  for (const name of ["default", "kube-system", "kube-node-lease"]) {
    await store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
  }
  await store.create(makeNode("n1"));
  return store;
}

const holder = async (store: Store) =>
  (await store.get("Lease", "kube-system", "kclone-controller-manager") as Lease | undefined)
    ?.spec;

Deno.test("a leader that cannot reach the store steps down; after a takeover it only follows", async () => {
  const store = await seeded();
  const clock = new FakeClock();
  const faults: Faults = {};
  const a = new ControlLoops(faulty(store, clock, faults), clock, { identity: "a" });
  const b = new ControlLoops(store, clock, { identity: "b" });
  const errors: string[] = [];
  const changes: boolean[] = [];
  await a.start({
    intervalMs: 5,
    onError: (error) => errors.push(String(error)),
    onLeadingChange: (leading) => changes.push(leading),
  });
  await b.start({ intervalMs: 5 });
  assert.equal(a.leading, true);
  assert.equal(b.leading, false);

  faults.down = true;
  clock.advance(2_000); // a's renewal is due, and fails
  await until(() => !a.leading, "a steps down");
  assert.match(errors[0], /ServiceUnavailable|etcd is unavailable/);
  assert.equal(b.leading, false, "a's lease, renewed 2 s ago, is still live");

  clock.advance(13_000); // 15 s since a's last renewal: the lease has expired
  await until(() => b.leading, "b takes over");
  faults.down = false;
  await store.create(makeDeployment("web", { replicas: 3 }));
  await until(async () => (await store.list("Pod")).items.length === 3, "3 pods exist");
  assert.equal(a.leading, false, "a reaches the store again, and follows b");
  await b.stop(); // hands the lease back: a may lead again, at once
  await until(() => a.leading, "a leads again");
  await until(async () => (await holder(store))?.holderIdentity === "a", "a holds the lease");
  const pods = (await store.list("Pod")).items as Pod[];
  assert.equal(pods.length, 3, "nobody made pods twice");
  assert.equal((await holder(store))?.leaseTransitions, 2);
  assert.deepEqual(changes, [true, false, true], "led, stepped down, led again");
  await a.stop();
  await store.close();
});

Deno.test("a leader renews its lease between the rounds of a settle longer than the lease", async () => {
  const store = await seeded();
  const clock = new FakeClock();
  // Every write of the leader takes 1 s of clock time: creating 20 pods, binding and starting
  // them takes well over the 15 s lease.
  const faults: Faults = {};
  const a = new ControlLoops(faulty(store, clock, faults), clock, { identity: "a" });
  const b = new ControlLoops(store, clock, { identity: "b" });
  await a.start({ intervalMs: 5 });
  await b.start({ intervalMs: 5 });
  let bLed = false;
  const watcher = setInterval(() => bLed ||= b.leading, 1);
  faults.writeMs = 1_000;
  const start = clock.now();
  await store.create(makeDeployment("web", { replicas: 20 }));
  await until(async () => {
    const pods = (await store.list("Pod")).items as Pod[];
    return pods.length === 20 && pods.every((pod) => pod.status?.phase === "Running");
  }, "20 pods run");
  clearInterval(watcher);
  assert.ok(clock.now() - start > 15_000, `the settle took ${clock.now() - start} ms of clock`);
  assert.equal(bLed, false, "b never took over");
  assert.equal((await holder(store))?.holderIdentity, "a");
  assert.equal((await holder(store))?.leaseTransitions, 0);
  await a.stop();
  await b.stop();
  await store.close();
});

Deno.test("a settle that converged leaves its checkpoint on the Lease; a loop that leads on clears it", async () => {
  const store = await seeded();
  const clock = new FakeClock();
  const settled = async () =>
    (await store.get("Lease", "kube-system", "kclone-controller-manager"))
      ?.metadata.annotations?.["kclone.dev/settled"];
  const short = new ControlLoops(store, clock, { identity: "short" });
  assert.equal((await short.settle()).converged, true);
  const checkpoint = JSON.parse((await settled())!);
  assert.equal(checkpoint.revision, (await store.revision()) - 1, "all but the Lease's release");
  assert.deepEqual(Object.keys(checkpoint.delayed.kubelet), ["n1"]);
  const long = new ControlLoops(store, clock, { identity: "long" });
  await long.start();
  assert.equal(await settled(), "", "a leader that runs on keeps no checkpoint current");
  await long.stop();
  assert.equal(await settled(), "", "nor one that stops");
});
