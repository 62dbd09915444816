import { openInstanceLog, stopInstance } from "./_container_instance.ts";
import { watchMemory } from "./_memory_watch.ts";
import { killGroup } from "./_proc.ts";
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
 * Kubernetes' words for a container whose end nobody saw: an adopted process is not the agent's
 * child, so its exit code is lost, and the kubelet reports such a container as
 * ContainerStatusUnknown with exit code 137.
 */
export const UNKNOWN_EXIT_MESSAGE =
  "The container could not be located when the pod was terminated";

/**
 * Takes over a container process that an agent killed outright left running (its pid file,
 * still the same process): its output is read on into the same log from where that agent
 * stopped, its memory limit enforced, and it can be stopped as any container. Its end is seen
 * by looking at /proc every `exitPollMs`; the exit code is then unknown (ContainerStatusUnknown,
 * 137), unless the agent killed it for its memory (OOMKilled).
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
  let oomKilled = false;
  let ended = false;
  const stopWatch = spec.memoryLimitBytes === undefined
    ? () => {}
    : watchMemory(pid, spec.memoryLimitBytes, () => {
      oomKilled = true;
      killGroup(pid, "SIGKILL");
    }, { pollMs: spec.memoryPollMs ?? 100, membersScanMs: 1000 });
  const exited = new Promise<ContainerExit>((resolve) => {
    const timer = setInterval(async () => {
      if (isSameProcess(record)) return;
      clearInterval(timer);
      ended = true;
      stopWatch();
      killGroup(pid, "SIGKILL");
      await log.finish();
      const finishedAt = now();
      resolve(
        oomKilled ? { exitCode: 137, signal: 9, reason: "OOMKilled", startedAt, finishedAt } : {
          exitCode: 137,
          reason: "ContainerStatusUnknown",
          message: UNKNOWN_EXIT_MESSAGE,
          startedAt,
          finishedAt,
        },
      );
    }, spec.exitPollMs ?? 500);
  });
  return {
    pid,
    startedAt,
    logDir: log.dir,
    exited,
    stop: (gracePeriodMs) => ended ? exited : stopInstance(pid, exited, gracePeriodMs),
  };
}
