import assert from "node:assert/strict";
import {
  type ContainerProbes,
  dueProbes,
  initialProbeState,
  nextDueAt,
  nextProbeState,
  type ProbeState,
  type ProbeType,
} from "../../../lib/agent/probes/mod.ts";

const T0 = Date.UTC(2026, 0, 1);
const exec = { exec: { command: ["true"] } };
const S = "Success" as const;
const F = "Failure" as const;

interface Step {
  /** Seconds after the container started when the probe finished. */
  at: number;
  type: ProbeType;
  result: typeof S | typeof F;
  /** What the state says afterwards; `due` in seconds after start (undefined: will not run). */
  expect: Partial<
    { ready: boolean; started: boolean; restart: string; due: Partial<Record<ProbeType, number>> }
  >;
}

interface Case {
  name: string;
  probes: ContainerProbes;
  initial: Step["expect"];
  steps: Step[];
}

const cases: Case[] = [
  {
    name: "defaults: period 10, failureThreshold 3, readiness false until the first success",
    probes: { readinessProbe: exec },
    initial: { started: true, ready: false, due: { readiness: 0 } },
    steps: [
      { at: 0, type: "readiness", result: S, expect: { ready: true, due: { readiness: 10 } } },
      { at: 10, type: "readiness", result: F, expect: { ready: true, due: { readiness: 20 } } },
      { at: 20, type: "readiness", result: F, expect: { ready: true } },
      // third failure in a row reaches failureThreshold 3
      { at: 30, type: "readiness", result: F, expect: { ready: false, due: { readiness: 40 } } },
    ],
  },
  {
    name: "initialDelaySeconds holds the first probe, periodSeconds spaces the rest",
    probes: { readinessProbe: { ...exec, initialDelaySeconds: 5, periodSeconds: 2 } },
    initial: { ready: false, due: { readiness: 5 } },
    steps: [{
      at: 5,
      type: "readiness",
      result: S,
      expect: { ready: true, due: { readiness: 7 } },
    }],
  },
  {
    name: "readiness successThreshold 2 needs two successes in a row",
    probes: { readinessProbe: { ...exec, successThreshold: 2, failureThreshold: 1 } },
    initial: { ready: false },
    steps: [
      { at: 0, type: "readiness", result: S, expect: { ready: false } },
      { at: 10, type: "readiness", result: F, expect: { ready: false } },
      { at: 20, type: "readiness", result: S, expect: { ready: false } },
      { at: 30, type: "readiness", result: S, expect: { ready: true } },
      { at: 40, type: "readiness", result: F, expect: { ready: false } },
    ],
  },
  {
    name: "liveness failing failureThreshold times in a row asks for a restart and stops probing",
    probes: {
      livenessProbe: { ...exec, failureThreshold: 2, periodSeconds: 3 },
      readinessProbe: exec,
    },
    initial: { due: { liveness: 0, readiness: 0 } },
    steps: [
      { at: 0, type: "liveness", result: F, expect: { restart: undefined, due: { liveness: 3 } } },
      { at: 3, type: "liveness", result: S, expect: { restart: undefined } },
      { at: 6, type: "liveness", result: F, expect: { restart: undefined } },
      {
        at: 9,
        type: "liveness",
        result: F,
        expect: { restart: "liveness", due: { liveness: undefined, readiness: undefined } },
      },
      // a late result changes nothing
      { at: 10, type: "readiness", result: S, expect: { ready: false, restart: "liveness" } },
    ],
  },
  {
    name: "startup gates liveness and readiness until it succeeds",
    probes: {
      startupProbe: { ...exec, periodSeconds: 1, failureThreshold: 30 },
      livenessProbe: exec,
      readinessProbe: exec,
    },
    initial: {
      started: false,
      ready: false,
      due: { startup: 0, liveness: undefined, readiness: undefined },
    },
    steps: [
      // a stray result of a gated probe is ignored
      { at: 0, type: "readiness", result: S, expect: { ready: false } },
      { at: 0, type: "startup", result: F, expect: { started: false, due: { startup: 1 } } },
      { at: 1, type: "startup", result: F, expect: { started: false } },
      {
        at: 2,
        type: "startup",
        result: S,
        expect: {
          started: true,
          ready: false,
          due: { startup: undefined, liveness: 2, readiness: 2 },
        },
      },
      { at: 2, type: "readiness", result: S, expect: { ready: true, due: { readiness: 12 } } },
    ],
  },
  {
    name: "initial delays count from the container's start, not from the startup success",
    probes: { startupProbe: exec, readinessProbe: { ...exec, initialDelaySeconds: 15 } },
    initial: { due: { startup: 0, readiness: undefined } },
    steps: [{ at: 0, type: "startup", result: S, expect: { due: { readiness: 15 } } }],
  },
  {
    name: "startup successThreshold is always 1: one success starts the container",
    probes: { startupProbe: { ...exec, successThreshold: 3, failureThreshold: 2 } },
    initial: { started: false, ready: false },
    steps: [
      { at: 0, type: "startup", result: S, expect: { started: true, ready: true } },
    ],
  },
  {
    name: "a startup probe failing failureThreshold times asks for a restart",
    probes: { startupProbe: { ...exec, failureThreshold: 2 }, livenessProbe: exec },
    initial: { started: false },
    steps: [
      { at: 0, type: "startup", result: F, expect: { restart: undefined } },
      { at: 10, type: "startup", result: F, expect: { restart: "startup", started: false } },
    ],
  },
  {
    name: "liveness successThreshold is always 1",
    probes: { livenessProbe: { ...exec, successThreshold: 5, failureThreshold: 2 } },
    initial: { ready: true, started: true },
    steps: [
      { at: 0, type: "liveness", result: F, expect: {} },
      { at: 10, type: "liveness", result: S, expect: {} },
      { at: 20, type: "liveness", result: F, expect: { restart: undefined } },
    ],
  },
];

function check(state: ProbeState, expect: Step["expect"], where: string): void {
  for (const key of ["ready", "started", "restart"] as const) {
    if (key in expect) assert.equal(state[key], expect[key], `${where}: ${key}`);
  }
  for (const [type, at] of Object.entries(expect.due ?? {})) {
    const due = state.tracks[type as ProbeType]?.dueAt;
    assert.equal(due === undefined ? undefined : (due - T0) / 1000, at, `${where}: ${type} due`);
  }
}

for (const c of cases) {
  Deno.test(`nextProbeState(): ${c.name}`, () => {
    let state = initialProbeState(c.probes, T0);
    check(state, c.initial, "initial");
    for (const [i, step] of c.steps.entries()) {
      state = nextProbeState(state, step, c.probes, T0 + step.at * 1000);
      check(state, step.expect, `step ${i + 1} (${step.type} ${step.result} at ${step.at}s)`);
    }
  });
}

Deno.test("a container without probes is started and ready at once, and never probed", () => {
  const state = initialProbeState({}, T0);
  assert.equal(state.started, true);
  assert.equal(state.ready, true);
  assert.equal(nextDueAt(state), undefined);
});

Deno.test("dueProbes() lists the probes due now, startup first", () => {
  const probes = { startupProbe: exec, livenessProbe: exec };
  let state = initialProbeState(probes, T0);
  assert.deepEqual(dueProbes(state, T0), ["startup"]);
  state = nextProbeState(state, { type: "startup", result: S }, probes, T0 + 1000);
  assert.deepEqual(dueProbes(state, T0 + 1000), ["liveness"]);
  assert.equal(nextDueAt(state), T0 + 1000);
});
