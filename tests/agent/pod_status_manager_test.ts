import assert from "node:assert/strict";
import { ServiceUnavailableError } from "../../lib/api/errors.ts";
import type { Pod, PodStatus } from "../../lib/api/types.ts";
import { PodStatusManager } from "../../lib/agent/pod_status_manager.ts";
import type { PodWorker } from "../../lib/agent/pod_worker.ts";
import { MemoryStore } from "../../lib/store/memory.ts";
import { makePod } from "../_fixtures.ts";

/** A worker stand-in whose status is whatever the test sets. */
function fakeWorker(pod: Pod, status: () => PodStatus): PodWorker {
  return { pod, uid: pod.metadata.uid!, status } as unknown as PodWorker;
}

/** Polls `check` every 10 ms for at most 3 s. */
async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in 3 s");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

Deno.test("PodStatusManager writes a changed status, and again after the server was away", async () => {
  const store = new MemoryStore();
  const pod = await store.create(makePod("web")) as Pod;
  let phase: PodStatus["phase"] = "Running";
  const worker = fakeWorker(pod, () => ({ phase }));
  let failures = 1;
  const flaky = {
    get: store.get.bind(store),
    update: (object: Pod) => {
      if (failures-- > 0) return Promise.reject(new ServiceUnavailableError("server away"));
      return store.update(object);
    },
  } as unknown as MemoryStore;
  const problems: string[] = [];
  const stop = new AbortController();
  const manager = new PodStatusManager({
    store: flaky,
    worker: (uid) => uid === worker.uid ? worker : undefined,
    onProblem: (message) => problems.push(message),
    signal: stop.signal,
  });
  try {
    manager.changed(worker.uid);
    await until(async () =>
      (await store.get("Pod", "default", "web"))?.status?.phase === "Running"
    );
    assert.deepEqual(problems, ["status of pod web: server away"]);
    phase = "Succeeded";
    manager.changed(worker.uid);
    await until(async () =>
      (await store.get("Pod", "default", "web"))?.status?.phase === "Succeeded"
    );
  } finally {
    stop.abort();
    await manager.idle();
    await store.close();
  }
});
