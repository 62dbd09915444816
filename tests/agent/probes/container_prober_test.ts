import assert from "node:assert/strict";
import {
  ContainerProber,
  type ProbeResult,
  type ProbeTarget,
  type RunProbeOptions,
} from "../../../lib/agent/probes/mod.ts";
import type { Probe } from "../../../lib/api/types.ts";
import { FakeTimers } from "./_fake_timers.ts";

const T0 = Date.UTC(2026, 0, 1);
const live: Probe = { exec: { command: ["live"] } };
const ready: Probe = { exec: { command: ["ready"] } };
const start: Probe = { exec: { command: ["start"] } };
const target: ProbeTarget = { podIP: "127.0.0.1" };

/** Scripted probe results by command; records each run as `<command>@<seconds>`. */
function script(results: Record<string, ProbeResult["result"][]>, timers: FakeTimers) {
  const runs: string[] = [];
  const runProbe = (probe: Probe): Promise<ProbeResult> => {
    const name = probe.exec!.command![0];
    runs.push(`${name}@${(timers.now() - T0) / 1000}`);
    const result = results[name].shift() ?? "Success";
    return Promise.resolve({ result, message: `${name} said ${result}` });
  };
  return { runs, runProbe };
}

Deno.test("ContainerProber reports readiness as the readiness probe passes and fails", async () => {
  const timers = new FakeTimers(T0);
  const { runs, runProbe } = script({
    ready: ["Failure", "Success", "Failure", "Failure", "Failure"],
  }, timers);
  const seen: boolean[] = [];
  const prober = new ContainerProber({ readinessProbe: { ...ready, periodSeconds: 5 } }, target, {
    clock: timers,
    timers,
    runProbe,
    onReady: (r) => seen.push(r),
  });
  prober.start();
  await timers.advance(20_000);
  assert.deepEqual(runs, ["ready@0", "ready@5", "ready@10", "ready@15", "ready@20"]);
  // false at start, true on the first success, false after three failures in a row
  assert.deepEqual(seen, [false, true, false]);
  await prober.stop();
  assert.equal(timers.pending, 0);
});

Deno.test("ContainerProber asks for a restart after failureThreshold liveness failures", async () => {
  const timers = new FakeTimers(T0);
  const { runs, runProbe } = script({ live: ["Failure", "Failure", "Failure"] }, timers);
  const failures: string[] = [];
  const prober = new ContainerProber(
    { livenessProbe: { ...live, initialDelaySeconds: 3 } },
    target,
    {
      clock: timers,
      timers,
      runProbe,
      onLivenessFailure: (message, probe) => failures.push(`${probe}: ${message}`),
    },
  );
  prober.start();
  await timers.advance(60_000);
  assert.deepEqual(runs, ["live@3", "live@13", "live@23"]);
  assert.deepEqual(failures, ["liveness: live said Failure"]);
  await prober.stop();
});

Deno.test("ContainerProber runs no liveness or readiness probe before the startup probe succeeds", async () => {
  const timers = new FakeTimers(T0);
  const { runs, runProbe } = script({
    start: ["Failure", "Failure", "Success"],
    live: [],
    ready: [],
  }, timers);
  const events: string[] = [];
  const prober = new ContainerProber(
    { startupProbe: { ...start, periodSeconds: 2 }, livenessProbe: live, readinessProbe: ready },
    target,
    {
      clock: timers,
      timers,
      runProbe,
      onStarted: () => events.push(`started@${(timers.now() - T0) / 1000}`),
      onReady: (r) => events.push(`ready=${r}@${(timers.now() - T0) / 1000}`),
    },
  );
  prober.start();
  await timers.advance(10_000);
  assert.deepEqual(runs, ["start@0", "start@2", "start@4", "live@4", "ready@4"]);
  assert.deepEqual(events, ["ready=false@0", "started@4", "ready=true@4"]);
  await prober.stop();
});

Deno.test("ContainerProber never has two probes of one kind in flight", async () => {
  const timers = new FakeTimers(T0);
  let calls = 0;
  let finish!: (r: ProbeResult) => void;
  const runProbe = (): Promise<ProbeResult> => {
    calls++;
    return new Promise((resolve) => finish = resolve);
  };
  const prober = new ContainerProber({ readinessProbe: { ...ready, periodSeconds: 1 } }, target, {
    clock: timers,
    timers,
    runProbe,
  });
  prober.start();
  await timers.advance(30_000);
  assert.equal(calls, 1, "a slow probe is not started again while it runs");
  finish({ result: "Success", message: "" });
  await timers.advance(0);
  assert.equal(calls, 2, "once it ends, the overdue next run starts");
  assert.equal(prober.ready, true);
  const stopping = prober.stop();
  finish({ result: "Success", message: "" });
  await stopping;
});

Deno.test("ContainerProber.stop() cancels the probe in flight and ends the schedule", async () => {
  const timers = new FakeTimers(T0);
  let signal: AbortSignal | undefined;
  let calls = 0;
  const runProbe = (_p: Probe, _t: ProbeTarget, options: RunProbeOptions): Promise<ProbeResult> => {
    calls++;
    signal = options.signal;
    return new Promise((resolve) => {
      options.signal!.addEventListener(
        "abort",
        () => resolve({ result: "Failure", message: "cancelled" }),
      );
    });
  };
  const seen: boolean[] = [];
  const prober = new ContainerProber({ readinessProbe: ready }, target, {
    clock: timers,
    timers,
    runProbe,
    onReady: (r) => seen.push(r),
  });
  prober.start();
  await timers.advance(0);
  await prober.stop();
  assert.equal(signal?.aborted, true);
  await timers.advance(60_000);
  assert.equal(calls, 1);
  assert.deepEqual(seen, [false]);
  assert.equal(timers.pending, 0);
});

Deno.test("ContainerProber with real probes and real timers turns ready", async () => {
  const { promise, resolve } = Promise.withResolvers<boolean>();
  const prober = new ContainerProber(
    { readinessProbe: { exec: { command: ["sh", "-c", "exit 0"] } } },
    target,
    { onReady: (r) => r && resolve(r) },
  );
  prober.start();
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((r) => deadline = setTimeout(() => r(false), 5000));
  try {
    assert.equal(await Promise.race([promise, late]), true);
  } finally {
    clearTimeout(deadline);
    await prober.stop();
  }
});
