/**
 * What starting and adopting a container process share: the log an instance writes, its output
 * files read into it, the clean-up when it ends, and the stop sequence.
 *
 * @module
 */
import { watchMemory } from "./_memory_watch.ts";
import { killGroup, killProcess } from "./_proc.ts";
import {
  containerLogDir,
  ContainerLogWriter,
  type ContainerLogWriterOptions,
} from "./container_log_writer.ts";
import {
  containerOutputPaths,
  ContainerOutputTail,
  type OutputOffsets,
  outputOffsetsPath,
} from "./container_output.ts";
import { pidFilePath } from "./pid_file.ts";
import type { ContainerExit } from "./types.ts";

/** Which container instance, and where its files go. */
export interface InstanceSpec {
  podUid: string;
  namespace: string;
  podName: string;
  containerName: string;
  root: string;
  logDir: string;
  restartCount: number;
  log?: ContainerLogWriterOptions;
  now: () => number;
}

/** An instance's log and the reading of its output files into it. */
export interface InstanceLog {
  /** The container's log folder. */
  dir: string;
  /** Reads the rest of the output, closes the log, removes the output files and pid file. */
  finish(): Promise<void>;
}

/** Opens the log of an instance and starts reading its output files. */
export function openInstanceLog(spec: InstanceSpec, from?: OutputOffsets): InstanceLog {
  const pod = { namespace: spec.namespace, name: spec.podName, uid: spec.podUid };
  const dir = containerLogDir(spec.logDir, pod, spec.containerName);
  const log = new ContainerLogWriter(dir, spec.restartCount, { now: spec.now, ...spec.log });
  const tail = new ContainerOutputTail(
    containerOutputPaths(spec.root, spec.podUid, spec.containerName),
    log,
    outputOffsetsPath(spec.root, spec.podUid, spec.containerName),
    { from },
  );
  return {
    dir,
    finish: async () => {
      try {
        await tail.finish();
      } catch (error) {
        // A full disk or a removed folder loses the rest of the log, not the container's end.
        console.error(`kclone agent: the log of ${dir}: ${(error as Error).message}`);
      } finally {
        log.close();
      }
      await Deno.remove(pidFilePath(spec.root, spec.podUid, spec.containerName)).catch(() => {});
    },
  };
}

/** A container's memory limit, watched: whether it was killed for it, and how to stop watching. */
export interface MemoryLimit {
  /** True once the process group was SIGKILLed for going over the limit. */
  readonly oomKilled: boolean;
  /** Stops watching. */
  stop(): void;
}

/**
 * Enforces `limitBytes` (resources.limits.memory) on the container whose main process is `pid`:
 * over it, its whole group is SIGKILLed (OOMKilled). No limit, nothing watched.
 */
export function enforceMemoryLimit(
  pid: number,
  limitBytes: number | undefined,
  pollMs = 100,
): MemoryLimit {
  let oomKilled = false;
  const stop = limitBytes === undefined ? () => {} : watchMemory(pid, limitBytes, () => {
    oomKilled = true;
    killGroup(pid, "SIGKILL");
  }, { pollMs, membersScanMs: 1000 });
  return {
    get oomKilled() {
      return oomKilled;
    },
    stop,
  };
}

/** What stopInstance() may be told about the process it stops. */
export interface StopHooks {
  /** Whether the pid is still the container's (an adopted process is not our child). */
  stillOurs?: () => boolean;
  /** Told of each signal sent. */
  onSignal?: (signal: "SIGTERM" | "SIGKILL") => void;
}

/**
 * SIGTERM to the main process, then SIGKILL to the whole group after `graceMs` if it still
 * runs; resolves to the exit. A process no longer ours (`hooks.stillOurs`) is not signalled.
 */
export async function stopInstance(
  pid: number,
  exited: Promise<ContainerExit>,
  graceMs: number,
  hooks: StopHooks = {},
): Promise<ContainerExit> {
  const ours = hooks.stillOurs ?? (() => true);
  if (!ours()) return await exited;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = exited.then(() => true);
  hooks.onSignal?.("SIGTERM");
  killProcess(pid, "SIGTERM");
  const inTime = await Promise.race([
    done,
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), Math.max(0, graceMs));
    }),
  ]);
  clearTimeout(timer);
  if (!inTime && ours()) {
    hooks.onSignal?.("SIGKILL");
    killGroup(pid, "SIGKILL");
  }
  return await exited;
}
