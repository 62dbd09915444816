import type { Probe } from "../../api/types.ts";
import { PROBE_DEFAULTS } from "./probe_result.ts";

/** The three probes of a container. */
export type ProbeType = "startup" | "liveness" | "readiness";

/** The probes of a container (a Container satisfies it). */
export interface ContainerProbes {
  /** Holds the other probes until it succeeds; failing, it restarts the container. */
  startupProbe?: Probe;
  /** Failing, it restarts the container. */
  livenessProbe?: Probe;
  /** Gates the container's readiness. */
  readinessProbe?: Probe;
}

/** Where one probe of a container stands. */
export interface ProbeTrack {
  /** The result that counts, once a threshold was reached; undefined before. */
  result?: "Success" | "Failure";
  /** The latest raw result. */
  last?: "Success" | "Failure";
  /** How many times in a row `last` came. */
  run: number;
  /** When the next run is due (ms since the epoch); undefined while it must not run. */
  dueAt?: number;
}

/** The probing state of one running container: a value, changed only by the functions here. */
export interface ProbeState {
  /** When the container started (ms since the epoch); initial delays count from here. */
  startedAt: number;
  /** The startup probe has succeeded (or there is none). */
  started: boolean;
  /** Started, and the readiness probe has succeeded (or there is none). */
  ready: boolean;
  /** The probe whose failure means the container must be restarted; then nothing more runs. */
  restart?: "liveness" | "startup";
  /** One entry per probe the container has. */
  tracks: Partial<Record<ProbeType, ProbeTrack>>;
}

/** One probe run's outcome, fed to {@linkcode nextProbeState}. */
export interface ProbeRun {
  /** Which probe ran. */
  type: ProbeType;
  /** What it found. */
  result: "Success" | "Failure";
}

const TYPES: ProbeType[] = ["startup", "liveness", "readiness"];
const FIELD = { startup: "startupProbe", liveness: "livenessProbe", readiness: "readinessProbe" };

/** The probe of `type` in `probes`, if the container has one. */
export function probeOf(probes: ContainerProbes, type: ProbeType): Probe | undefined {
  return probes[FIELD[type] as keyof ContainerProbes];
}

/**
 * The state of a container that started at `startedAt`. Without a startup probe it is started at
 * once; with one, liveness and readiness wait for it. Readiness is false until the readiness probe
 * first succeeds; a container without one is ready once started.
 */
export function initialProbeState(probes: ContainerProbes, startedAt: number): ProbeState {
  const started = !probes.startupProbe;
  const tracks: ProbeState["tracks"] = {};
  for (const type of TYPES) {
    const probe = probeOf(probes, type);
    if (!probe) continue;
    const gated = type !== "startup" && !started;
    tracks[type] = { run: 0, dueAt: gated ? undefined : firstDue(probe, startedAt, startedAt) };
  }
  return { startedAt, started, ready: started && !probes.readinessProbe, tracks };
}

/**
 * Applies one probe run that finished at `now`: counts it towards successThreshold or
 * failureThreshold (liveness and startup always succeed on 1), schedules the next run
 * periodSeconds after the one that was due, and derives started, ready and restart. A result for
 * a probe that was not due (gated, on hold, or unknown) changes nothing.
 */
export function nextProbeState(
  state: ProbeState,
  run: ProbeRun,
  probes: ContainerProbes,
  now: number,
): ProbeState {
  const track = state.tracks[run.type];
  const probe = probeOf(probes, run.type);
  if (!track || !probe || track.dueAt === undefined || state.restart) return state;
  const count = track.last === run.result ? track.run + 1 : 1;
  const needed = run.result === "Success"
    ? successThreshold(probe, run.type)
    : failureThreshold(probe);
  const result = count >= needed ? run.result : track.result;
  const period = positive(probe.periodSeconds, PROBE_DEFAULTS.periodSeconds) * 1000;
  const next: ProbeTrack = {
    result,
    last: run.result,
    run: count,
    dueAt: Math.max(track.dueAt + period, now),
  };
  const tracks = { ...state.tracks, [run.type]: next };
  let { started, ready } = state;
  let restart: ProbeState["restart"] = state.restart;
  if (result === "Failure" && run.type !== "readiness") {
    restart = run.type;
    for (const type of TYPES) {
      if (tracks[type]) tracks[type] = { ...tracks[type]!, dueAt: undefined };
    }
  } else if (run.type === "startup" && result === "Success") {
    started = true;
    next.dueAt = undefined; // a started container is not probed for startup again
    for (const type of ["liveness", "readiness"] as const) {
      const gated = tracks[type];
      if (gated) {
        tracks[type] = { ...gated, dueAt: firstDue(probeOf(probes, type)!, state.startedAt, now) };
      }
    }
    ready = !probes.readinessProbe;
  } else if (run.type === "readiness") {
    ready = started && result === "Success";
  }
  return { ...state, started, ready, restart, tracks };
}

/** The probes due at `now`, startup first. */
export function dueProbes(state: ProbeState, now: number): ProbeType[] {
  return TYPES.filter((type) => {
    const dueAt = state.tracks[type]?.dueAt;
    return dueAt !== undefined && dueAt <= now;
  });
}

/** When the next probe is due (ms since the epoch), or undefined if none will run. */
export function nextDueAt(state: ProbeState): number | undefined {
  const due = TYPES.map((t) => state.tracks[t]?.dueAt).filter((t): t is number => t !== undefined);
  return due.length ? Math.min(...due) : undefined;
}

function firstDue(probe: Probe, startedAt: number, now: number): number {
  return Math.max(now, startedAt + Math.max(0, probe.initialDelaySeconds ?? 0) * 1000);
}

function successThreshold(probe: Probe, type: ProbeType): number {
  // Kubernetes requires 1 for liveness and startup probes.
  return type === "readiness"
    ? positive(probe.successThreshold, PROBE_DEFAULTS.successThreshold)
    : 1;
}

function failureThreshold(probe: Probe): number {
  return positive(probe.failureThreshold, PROBE_DEFAULTS.failureThreshold);
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && value >= 1 ? value : fallback;
}
