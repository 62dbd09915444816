import assert from "node:assert/strict";
import type { ContainerStatus } from "../../../lib/api/types.ts";
import {
  crashLoopBackOffMessage,
  crashLoopBackOffMs,
  podPhase,
  type RestartPolicy,
  shouldRestart,
} from "../../../lib/agent/runtime/mod.ts";

const restartCases: [RestartPolicy, number, boolean][] = [
  ["Always", 0, true],
  ["Always", 1, true],
  ["OnFailure", 0, false],
  ["OnFailure", 2, true],
  ["OnFailure", 137, true], // OOMKilled is a failure
  ["Never", 0, false],
  ["Never", 1, false],
];
for (const [policy, exitCode, want] of restartCases) {
  Deno.test(`shouldRestart() under ${policy} after exit ${exitCode} is ${want}`, () => {
    assert.equal(shouldRestart(policy, { exitCode }), want);
  });
}

Deno.test("crashLoopBackOffMs() restarts at once, then waits 10s doubling up to 5 min", () => {
  const delays = [0, 1, 2, 3, 4, 5, 6, 7, 20].map((r) => crashLoopBackOffMs(r));
  // 10s, 20s, 40s, 80s, 160s, then 320s capped at 300s
  assert.deepEqual(delays, [0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
});

Deno.test("crashLoopBackOffMs() scales the whole curve for tests", () => {
  const delays = [1, 2, 6].map((r) => crashLoopBackOffMs(r, { scale: 0.001 }));
  assert.deepEqual(delays, [10, 20, 300]);
  assert.equal(crashLoopBackOffMs(3, { initialMs: 100, maxMs: 250 }), 250);
});

const pod = { name: "web-7d9f", namespace: "default", uid: "6f1c2b1e" };
const messages: [number, string][] = [
  [10_000, "back-off 10s restarting failed container=app pod=web-7d9f_default(6f1c2b1e)"],
  [80_000, "back-off 1m20s restarting failed container=app pod=web-7d9f_default(6f1c2b1e)"],
  [300_000, "back-off 5m0s restarting failed container=app pod=web-7d9f_default(6f1c2b1e)"],
  [20, "back-off 20ms restarting failed container=app pod=web-7d9f_default(6f1c2b1e)"],
  [1_500, "back-off 1.5s restarting failed container=app pod=web-7d9f_default(6f1c2b1e)"],
];
for (const [delay, want] of messages) {
  Deno.test(`crashLoopBackOffMessage() for ${delay} ms reads "${want}"`, () => {
    assert.equal(crashLoopBackOffMessage(delay, "app", pod), want);
  });
}

function status(state: ContainerStatus["state"], last?: ContainerStatus["lastState"]) {
  return { name: "c", ready: false, restartCount: 0, image: "", state, lastState: last ?? {} };
}
const running = status({ running: { startedAt: "2026-01-01T00:00:00Z" } });
const ok = status({ terminated: { exitCode: 0, reason: "Completed" } });
const failed = status({ terminated: { exitCode: 1, reason: "Error" } });
const creating = status({ waiting: { reason: "ContainerCreating" } });
const backOff = status(
  { waiting: { reason: "CrashLoopBackOff" } },
  { terminated: { exitCode: 1, reason: "Error" } },
);

const phases: [string, RestartPolicy, (ContainerStatus | undefined)[], string, boolean?][] = [
  ["a container still creating", "Always", [running, creating], "Pending"],
  ["no status yet", "Always", [undefined], "Pending"],
  ["all running", "Always", [running, running], "Running"],
  ["one running, one done", "Never", [running, ok], "Running"],
  ["one running, one unknown", "Always", [running, undefined], "Pending"],
  ["all exited 0 under Never", "Never", [ok, ok], "Succeeded"],
  ["all exited 0 under OnFailure", "OnFailure", [ok], "Succeeded"],
  ["all exited 0 under Always (restarting)", "Always", [ok], "Running"],
  ["a failure under Never", "Never", [ok, failed], "Failed"],
  ["a failure under OnFailure (restarting)", "OnFailure", [failed], "Running"],
  ["in back-off under Always", "Always", [backOff], "Running"],
  ["in back-off under OnFailure", "OnFailure", [backOff], "Running"],
  ["a failure in a pod being torn down", "Always", [failed], "Failed", true],
  ["all exited 0 in a pod being torn down", "Always", [ok], "Succeeded", true],
];
for (const [what, policy, statuses, want, terminal] of phases) {
  Deno.test(`podPhase() is ${want} for ${what}`, () => {
    assert.equal(podPhase(policy, statuses, { terminal }), want);
  });
}
