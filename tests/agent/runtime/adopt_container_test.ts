import assert from "node:assert/strict";
import {
  adoptContainer,
  findLeftoverContainers,
  reapLeftoverContainers,
  UNKNOWN_EXIT_MESSAGE,
} from "../../../lib/agent/runtime/mod.ts";
import { agentKilledOutright, assertAllGone, processExists, scratch, waitFor } from "./_helpers.ts";

Deno.test("an adopted container stopped by the new agent ends as SIGTERM's 143, and its process is gone", async () => {
  await using tmp = await scratch();
  const pids = await agentKilledOutright(tmp.dir, ["u1"]);
  try {
    const [leftover] = await findLeftoverContainers(tmp.dir);
    assert.equal(leftover.alive, true);
    const adopted = adoptContainer(leftover.record, {
      root: tmp.dir,
      logDir: `${tmp.dir}/logs`,
      exitPollMs: 20,
    });
    assert.equal(adopted.pid, pids.u1);
    const exit = await adopted.stop(5_000);
    assert.deepEqual([exit.exitCode, exit.signal, exit.reason], [143, 15, "Error"]);
    // Not our child: init reaps it, a moment later.
    await waitFor("the stopped process to disappear", async () => !(await processExists(pids.u1)));
  } finally {
    await reapLeftoverContainers(tmp.dir, () => false);
  }
  await assertAllGone(Object.values(pids));
});

Deno.test("a container that ended while no agent ran is adopted as ended: ContainerStatusUnknown, 137", async () => {
  await using tmp = await scratch();
  const pids = await agentKilledOutright(tmp.dir, ["u2"]);
  const [leftover] = await findLeftoverContainers(tmp.dir);
  Deno.kill(pids.u2, "SIGKILL");
  await waitFor("the process to end", async () => !(await processExists(pids.u2)));
  const adopted = adoptContainer(leftover.record, { root: tmp.dir, logDir: `${tmp.dir}/logs` });
  const exit = await adopted.exited;
  assert.deepEqual(
    { exitCode: exit.exitCode, reason: exit.reason, message: exit.message },
    { exitCode: 137, reason: "ContainerStatusUnknown", message: UNKNOWN_EXIT_MESSAGE },
  );
  // Stopping it signals nothing: the pid may be someone else's by now.
  assert.equal(await adopted.stop(0), exit);
  assert.deepEqual(await findLeftoverContainers(tmp.dir), []);
});
