import assert from "node:assert/strict";
import {
  findLeftoverContainers,
  isSameProcess,
  reapLeftoverContainers,
} from "../../../lib/agent/runtime/mod.ts";
import { agentKilledOutright, assertAllGone, processExists, scratch, waitFor } from "./_helpers.ts";

Deno.test("a restarted agent finds its processes and reaps those whose pods are gone", async () => {
  await using tmp = await scratch();
  const pids = await agentKilledOutright(tmp.dir, ["keep", "gone"]);
  try {
    // The agent is dead; its containers run on, as a kubelet's would.
    assert.ok(await processExists(pids.keep));
    assert.ok(await processExists(pids.gone));
    const found = await findLeftoverContainers(tmp.dir);
    assert.deepEqual(
      found.map((f) => [f.record.podUid, f.record.pid, f.record.container, f.alive]).sort(),
      [["gone", pids.gone, "app", true], ["keep", pids.keep, "app", true]],
    );

    const reaped = await reapLeftoverContainers(tmp.dir, (uid) => uid === "keep");
    assert.deepEqual(reaped.map((r) => r.record.podUid), ["gone"]);
    await waitFor("the killed process to disappear", async () => !(await processExists(pids.gone)));
    await assert.rejects(Deno.stat(`${tmp.dir}/pods/gone`), Deno.errors.NotFound);
    assert.ok(await processExists(pids.keep));
    assert.deepEqual(
      (await findLeftoverContainers(tmp.dir)).map((f) => f.record.podUid),
      ["keep"],
    );
  } finally {
    await reapLeftoverContainers(tmp.dir, () => false);
  }
  await waitFor("every process to disappear", async () => !(await processExists(pids.keep)));
  await assertAllGone(Object.values(pids));
  assert.deepEqual(await findLeftoverContainers(tmp.dir), []);
});

Deno.test("isSameProcess() does not mistake a reused pid for the recorded process", () => {
  const stat = Deno.readTextFileSync(`/proc/${Deno.pid}/stat`);
  const startTime = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
  assert.equal(isSameProcess({ pid: Deno.pid, startTime }), true);
  assert.equal(isSameProcess({ pid: Deno.pid, startTime: startTime + 1 }), false);
  assert.equal(isSameProcess({ pid: 2 ** 22 + 1, startTime }), false);
});

Deno.test("reapLeftoverContainers() removes pid files of processes that are already gone", async () => {
  await using tmp = await scratch();
  await Deno.mkdir(`${tmp.dir}/pods/old`, { recursive: true });
  const record = { pid: 2 ** 22 + 1, startTime: 1, podUid: "old", namespace: "default" };
  await Deno.writeTextFile(
    `${tmp.dir}/pods/old/app.pid`,
    JSON.stringify({ ...record, pod: "p", container: "app" }),
  );
  await Deno.writeTextFile(`${tmp.dir}/pods/old/torn.pid`, "{");
  const found = await findLeftoverContainers(tmp.dir);
  assert.deepEqual(found.map((f) => f.alive), [false]);
  const reaped = await reapLeftoverContainers(tmp.dir, (uid) => uid === "old");
  assert.deepEqual(reaped.map((r) => r.record.podUid), ["old"]);
  await assert.rejects(Deno.stat(`${tmp.dir}/pods/old/app.pid`), Deno.errors.NotFound);
});

Deno.test("findLeftoverContainers() of an agent that never ran is empty", async () => {
  await using tmp = await scratch();
  assert.deepEqual(await findLeftoverContainers(`${tmp.dir}/nothing`), []);
});
