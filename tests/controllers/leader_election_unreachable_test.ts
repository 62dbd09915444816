import assert from "node:assert/strict";
import { FakeClock } from "../../lib/api/clock.ts";
import { ServiceUnavailableError } from "../../lib/api/errors.ts";
import { LeaderElector } from "../../lib/controllers/leader_election.ts";
import { MemoryStore } from "../../lib/store/memory.ts";
import type { Store } from "../../lib/store/store.ts";

/** `store`, failing every call while `state.down` as an unreachable etcd does. */
function unreachableWhile(store: Store, state: { down: boolean }): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (state.down) throw new ServiceUnavailableError("etcd is unavailable");
        return value.apply(target, args);
      };
    },
  });
}

Deno.test("release() on an unreachable store gives up quietly; the lease expires by itself", async () => {
  const store = new MemoryStore();
  const state = { down: false };
  const clock = new FakeClock();
  const a = new LeaderElector(unreachableWhile(store, state), clock, "a");
  const b = new LeaderElector(store, clock, "b");
  assert.equal(await a.tryAcquireOrRenew(), true);
  state.down = true;
  await a.release(); // no error: a process stopping while etcd is away still stops
  await assert.rejects(() => a.tryAcquireOrRenew(), ServiceUnavailableError);
  assert.equal(await b.tryAcquireOrRenew(), false, "still a's, renewed just now");
  clock.advance(15_000);
  assert.equal(await b.tryAcquireOrRenew(), true, "expired 15 s after a's last renewal");
  await store.close();
});
