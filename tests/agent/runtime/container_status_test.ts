import assert from "node:assert/strict";
import { containerStatus } from "../../../lib/agent/runtime/mod.ts";

const pod = { name: "web", namespace: "default", uid: "u-1" };
const container = { name: "app", image: "python:3" };
const t0 = Date.UTC(2026, 0, 1, 12, 0, 0);

Deno.test("containerStatus() of a running, ready container", () => {
  assert.deepEqual(
    containerStatus({
      pod,
      container,
      phase: { kind: "running", startedAt: t0 },
      restartCount: 0,
      ready: true,
      containerID: "kclone://4242",
    }),
    {
      name: "app",
      state: { running: { startedAt: "2026-01-01T12:00:00Z" } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: "python:3",
      imageID: "",
      containerID: "kclone://4242",
      started: true,
    },
  );
});

Deno.test("containerStatus() of a crash-looping container shows the back-off and last exit", () => {
  const status = containerStatus({
    pod,
    container,
    phase: { kind: "backOff", delayMs: 20_000 },
    last: { exitCode: 3, reason: "Error", startedAt: t0, finishedAt: t0 + 1500 },
    restartCount: 2,
    ready: true,
  });
  assert.deepEqual(status.state, {
    waiting: {
      reason: "CrashLoopBackOff",
      message: "back-off 20s restarting failed container=app pod=web_default(u-1)",
    },
  });
  assert.deepEqual(status.lastState, {
    terminated: {
      exitCode: 3,
      reason: "Error",
      startedAt: "2026-01-01T12:00:00Z",
      finishedAt: "2026-01-01T12:00:01Z",
    },
  });
  assert.equal(status.restartCount, 2);
  assert.equal(status.ready, false); // only a running container is ever ready
  assert.equal(status.started, false);
});

Deno.test("containerStatus() of an OOMKilled container that will not restart", () => {
  const status = containerStatus({
    pod,
    container,
    phase: {
      kind: "terminated",
      exit: { exitCode: 137, signal: 9, reason: "OOMKilled", startedAt: t0, finishedAt: t0 + 2000 },
    },
    restartCount: 0,
  });
  assert.deepEqual(status.state, {
    terminated: {
      exitCode: 137,
      signal: 9,
      reason: "OOMKilled",
      startedAt: "2026-01-01T12:00:00Z",
      finishedAt: "2026-01-01T12:00:02Z",
    },
  });
});

Deno.test("containerStatus() of a container waiting on a config error carries its message", () => {
  const status = containerStatus({
    pod,
    container,
    phase: {
      kind: "waiting",
      reason: "CreateContainerConfigError",
      message: "field label not supported: spec.nope",
    },
    restartCount: 0,
  });
  assert.deepEqual(status.state, {
    waiting: {
      reason: "CreateContainerConfigError",
      message: "field label not supported: spec.nope",
    },
  });
  assert.equal(status.ready, false);
});

Deno.test("containerStatus() of a running container not yet past its startup probe", () => {
  const status = containerStatus({
    pod,
    container,
    phase: { kind: "running", startedAt: t0 },
    restartCount: 1,
    started: false,
    ready: false,
  });
  assert.equal(status.started, false);
  assert.equal(status.ready, false);
});
