import { rfc3339 } from "../../api/clock.ts";
import type { Container, ContainerState, ContainerStatus } from "../../api/types.ts";
import { type BackOffPodRef, crashLoopBackOffMessage } from "./crash_loop_back_off.ts";
import type { ContainerExit } from "./types.ts";

/** Where a container is in its life, as the agent tracks it. */
export type ContainerPhase =
  /** Not started yet (reason e.g. ContainerCreating, CreateContainerConfigError, RunContainerError). */
  | { kind: "waiting"; reason: string; message?: string }
  /** Running since `startedAt` (ms). */
  | { kind: "running"; startedAt: number }
  /** Ended and will not be restarted (or not yet decided). */
  | { kind: "terminated"; exit: ContainerExit; message?: string }
  /** Ended and waiting `delayMs` before its restart. */
  | { kind: "backOff"; delayMs: number };

/** Everything containerStatus() needs. */
export interface ContainerStatusInput {
  /** The pod, for the back-off message. */
  pod: BackOffPodRef;
  /** The container's spec (name, image). */
  container: Pick<Container, "name" | "image">;
  /** The current phase of the container. */
  phase: ContainerPhase;
  /** The previous instance's end (lastState.terminated). */
  last?: ContainerExit & { message?: string };
  /** Times restarted. */
  restartCount: number;
  /** Readiness (probe result); only a running container is ever ready. */
  ready?: boolean;
  /** Past its startup probe; defaults to true while running. */
  started?: boolean;
  /** Runtime id, e.g. `kclone://<pid>`. */
  containerID?: string;
}

function terminated(exit: ContainerExit & { message?: string }): ContainerState {
  return {
    terminated: {
      exitCode: exit.exitCode,
      ...(exit.signal !== undefined ? { signal: exit.signal } : {}),
      reason: exit.reason,
      ...(exit.message ? { message: exit.message } : {}),
      startedAt: rfc3339(exit.startedAt),
      finishedAt: rfc3339(exit.finishedAt),
    },
  };
}

/**
 * One entry of `status.containerStatuses`, shaped as the kubelet writes it: state waiting,
 * running or terminated; `lastState.terminated` of the previous instance; restartCount; ready
 * (only while running); started; and, while a crashed container waits for its restart, waiting
 * reason `CrashLoopBackOff` with the kubelet's message
 * `back-off 10s restarting failed container=<name> pod=<pod>_<ns>(<uid>)`.
 *
 * @example
 * ```ts
 * import { containerStatus } from "./container_status.ts";
 * containerStatus({
 *   pod: { name: "web", namespace: "default", uid: "u1" },
 *   container: { name: "app", image: "busybox" },
 *   phase: { kind: "running", startedAt: Date.UTC(2026, 0, 1) },
 *   restartCount: 0,
 *   ready: true,
 * }).state; // { running: { startedAt: "2026-01-01T00:00:00Z" } }
 * ```
 */
export function containerStatus(input: ContainerStatusInput): ContainerStatus {
  const { phase } = input;
  let state: ContainerState;
  switch (phase.kind) {
    case "waiting":
      state = {
        waiting: { reason: phase.reason, ...(phase.message ? { message: phase.message } : {}) },
      };
      break;
    case "running":
      state = { running: { startedAt: rfc3339(phase.startedAt) } };
      break;
    case "terminated":
      state = terminated({ ...phase.exit, message: phase.message });
      break;
    case "backOff":
      state = {
        waiting: {
          reason: "CrashLoopBackOff",
          message: crashLoopBackOffMessage(phase.delayMs, input.container.name, input.pod),
        },
      };
  }
  const running = phase.kind === "running";
  return {
    name: input.container.name,
    state,
    lastState: input.last ? terminated(input.last) : {},
    ready: running && (input.ready ?? false),
    restartCount: input.restartCount,
    image: input.container.image ?? "",
    imageID: "",
    ...(input.containerID ? { containerID: input.containerID } : {}),
    started: running && (input.started ?? true),
  };
}
