import { enforceMemoryLimit, openInstanceLog, stopInstance } from "./_container_instance.ts";
import { killGroup, procStartTime } from "./_proc.ts";
import type { ContainerLogWriterOptions } from "./container_log_writer.ts";
import { outputOffsetsPath, readOutputOffsets } from "./container_output.ts";
import { isSameProcess, type PidFile } from "./pid_file.ts";
import type { RunningContainer } from "./start_container.ts";
import type { ContainerExit } from "./types.ts";

/** What adopting a container process needs besides its pid file. */
export interface AdoptSpec {
  /** The agent's state folder. */
  root: string;
  /** The log root. */
  logDir: string;
  /** Memory limit in bytes, enforced from now on. */
  memoryLimitBytes?: number;
  /** How often memory is checked (default 100 ms). */
  memoryPollMs?: number;
  /** How often the agent looks whether the process still runs (default 500 ms). */
  exitPollMs?: number;
  /** Log rotation knobs. */
  log?: ContainerLogWriterOptions;
  /** The clock (ms); default Date.now. */
  now?: () => number;
}

/**
 * The kubelet's words (two spaces included) for a container that was running and then could not
 * be found: an adopted process is not the agent's child, so how it ended is not known, and the
 * kubelet reports such a container as ContainerStatusUnknown with exit code 137.
 */
export const UNKNOWN_EXIT_MESSAGE =
  "The container could not be located when the pod was deleted.  The container used to be Running";

/**
 * Takes over a container process that an agent killed outright left (its pid file): its output
 * is read on into the same log from where that agent stopped, its memory limit enforced, and it
 * can be stopped as any container. Its end is seen by looking at /proc every `exitPollMs` (at
 * once when it ended while no agent ran); the exit code is then unknown: ContainerStatusUnknown,
 * 137, unless this agent ended it (OOMKilled; 143 after SIGTERM, 137 after SIGKILL, as Error).
 */
export function adoptContainer(record: PidFile, spec: AdoptSpec): RunningContainer {
  const now = spec.now ?? Date.now;
  const { pid, startedAt } = record;
  const from = readOutputOffsets(outputOffsetsPath(spec.root, record.podUid, record.container));
  const log = openInstanceLog({
    podUid: record.podUid,
    namespace: record.namespace,
    podName: record.pod,
    containerName: record.container,
    root: spec.root,
    logDir: spec.logDir,
    restartCount: record.restartCount,
    log: spec.log,
    now,
  }, from);
  let ended = !isSameProcess(record);
  let signalled: "SIGTERM" | "SIGKILL" | undefined;
  const memory = enforceMemoryLimit(
    pid,
    ended ? undefined : spec.memoryLimitBytes,
    spec.memoryPollMs,
  );
  const end = async (): Promise<ContainerExit> => {
    ended = true;
    memory.stop();
    // What the container left running (its group); not when the pid is another process's now.
    if (procStartTime(pid) === undefined) killGroup(pid, "SIGKILL");
    await log.finish();
    const finishedAt = now();
    if (memory.oomKilled) {
      return { exitCode: 137, signal: 9, reason: "OOMKilled", startedAt, finishedAt };
    }
    if (signalled) {
      const signal = signalled === "SIGTERM" ? 15 : 9;
      return { exitCode: 128 + signal, signal, reason: "Error", startedAt, finishedAt };
    }
    return {
      exitCode: 137,
      reason: "ContainerStatusUnknown",
      message: UNKNOWN_EXIT_MESSAGE,
      startedAt,
      finishedAt,
    };
  };
  const exited = ended ? end() : new Promise<ContainerExit>((resolve) => {
    const timer = setInterval(() => {
      if (isSameProcess(record)) return;
      clearInterval(timer);
      resolve(end());
    }, spec.exitPollMs ?? 500);
  });
  // Never signal a pid that may since belong to another process.
  const stop = (gracePeriodMs: number): Promise<ContainerExit> =>
    ended ? exited : stopInstance(pid, exited, gracePeriodMs, {
      stillOurs: () => isSameProcess(record),
      onSignal: (signal) => signalled = signal,
    });
  return { pid, startedAt, logDir: log.dir, exited, stop };
}
