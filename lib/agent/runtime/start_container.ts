import { absolute, joinPath } from "./_path.ts";
import { enforceMemoryLimit, openInstanceLog, stopInstance } from "./_container_instance.ts";
import { execFormatProblem, lookPath } from "./_exec_lookup.ts";
import { launchCommand } from "./_launcher.ts";
import { killGroup } from "./_proc.ts";
import type { ContainerLogWriterOptions } from "./container_log_writer.ts";
import { containerOutputPaths, outputOffsetsPath } from "./container_output.ts";
import { writePidFile } from "./pid_file.ts";
import type { ContainerExit } from "./types.ts";

/** Everything needed to run one container instance as a process. */
export interface ContainerProcessSpec {
  /** The pod's uid. */
  podUid: string;
  /** The pod's namespace. */
  namespace: string;
  /** The pod's name. */
  podName: string;
  /** The container's name. */
  containerName: string;
  /** The program and its arguments (commandLine()); no shell is added. */
  argv: string[];
  /** The whole environment of the process; PATH is added from the agent unless set here. */
  env: Record<string, string>;
  /** The agent's state folder: pid files and working folders go under `<root>/pods/<uid>/`. */
  root: string;
  /** The log root: logs go to `<logDir>/<namespace>_<pod>_<uid>/<container>/`. */
  logDir: string;
  /** Which instance this is (the log file is `<restartCount>.log`); default 0. */
  restartCount?: number;
  /** Working folder; default `<root>/pods/<uid>/<container>/`, created when missing. */
  workingDir?: string;
  /** Memory limit in bytes (resources.limits.memory); over it the process is OOMKilled. */
  memoryLimitBytes?: number;
  /** How often memory is checked (default 100 ms). */
  memoryPollMs?: number;
  /** Log rotation knobs. */
  log?: ContainerLogWriterOptions;
  /** The agent's PATH given to the process (default: this process's PATH). */
  agentPath?: string;
  /** The clock (ms); default Date.now. */
  now?: () => number;
}

/** A started container process. */
export interface RunningContainer {
  /** The process id; also its process group and session. */
  pid: number;
  /** Clock time (ms) of the start. */
  startedAt: number;
  /** The container's log folder (for readContainerLog()). */
  logDir: string;
  /** Settles when the process has ended and its output is in the log. */
  exited: Promise<ContainerExit>;
  /** SIGTERM, then SIGKILL after `gracePeriodMs` if it still runs; resolves to the exit. */
  stop(gracePeriodMs: number): Promise<ContainerExit>;
}

/**
 * A container that could not start. The kubelet shows it as waiting with reason
 * `RunContainerError` and the runtime's message, and records the attempt as terminated with
 * reason `StartError` and exit code 128 (containerd's behaviour).
 */
export class ContainerStartError extends Error {
  /** The waiting reason while the kubelet retries. */
  readonly reason: "RunContainerError" = "RunContainerError";
  /** The terminated reason of the failed attempt. */
  readonly terminatedReason: "StartError" = "StartError";
  /** The exit code of the failed attempt. */
  readonly exitCode: 128 = 128;
  /** The runtime's message, e.g. `exec: "nope": executable file not found in $PATH`. */
  constructor(message: string) {
    super(message);
    this.name = "ContainerStartError";
  }
}

/**
 * Starts a container as a process in its own session (so signals reach all it starts): only
 * `spec.env` (+ PATH) as its environment, stdout and stderr into files of its own that the agent
 * reads into the rotating CRI log, a pid file with the process's start time, and the memory
 * limit enforced by polling RSS. When the main process exits, what it left running is killed
 * (as a container's PID namespace ends). Rejects with ContainerStartError when the program
 * cannot be executed.
 *
 * @example
 * ```ts ignore
 * const c = await startContainer({ podUid: "u1", namespace: "default", podName: "web",
 *   containerName: "app", argv: ["sh", "-c", "echo hi"], env: {}, root, logDir });
 * const exit = await c.exited; // { exitCode: 0, reason: "Completed", ... }
 * ```
 */
export async function startContainer(spec: ContainerProcessSpec): Promise<RunningContainer> {
  const now = spec.now ?? Date.now;
  const env = { PATH: spec.agentPath ?? Deno.env.get("PATH") ?? "/usr/bin:/bin", ...spec.env };
  if (spec.argv.length === 0) throw new ContainerStartError("no command specified");
  const program = lookPath(spec.argv[0], env.PATH);
  if ("error" in program) throw new ContainerStartError(program.error);
  if (program.path.includes("=")) {
    throw new ContainerStartError(
      `exec: "${spec.argv[0]}": kclone cannot start a program whose path contains "="`,
    );
  }
  const format = execFormatProblem(program.path);
  if (format) throw new ContainerStartError(`exec: "${spec.argv[0]}": ${format}`);
  const cwd = spec.workingDir ?? joinPath(spec.root, "pods", spec.podUid, spec.containerName);
  await Deno.mkdir(cwd, { recursive: true });
  const restartCount = spec.restartCount ?? 0;
  const instance = { ...spec, restartCount, now };
  // Absolute: the launcher opens them from the container's working folder.
  const output = containerOutputPaths(absolute(spec.root), spec.podUid, spec.containerName);
  for (const path of [output.stdout, output.stderr]) await Deno.writeFile(path, new Uint8Array());
  await Deno.remove(outputOffsetsPath(spec.root, spec.podUid, spec.containerName)).catch(() => {});
  let child: Deno.ChildProcess;
  try {
    const launch = launchCommand(output, program.path, spec.argv.slice(1), env);
    child = new Deno.Command(launch.command, {
      args: launch.args,
      env: launch.env,
      clearEnv: true,
      cwd,
      stdin: "null",
      stdout: "null",
      stderr: "null",
      detached: true,
    }).spawn();
  } catch (error) {
    throw new ContainerStartError(`exec: "${spec.argv[0]}": ${(error as Error).message}`);
  }
  const startedAt = now();
  const pid = child.pid;
  // Synchronously, before the exit handler can run, so a fast exit never leaves a stale file.
  writePidFile(spec.root, {
    pid,
    podUid: spec.podUid,
    namespace: spec.namespace,
    pod: spec.podName,
    container: spec.containerName,
    restartCount,
    startedAt,
  });
  const log = openInstanceLog(instance);
  let ended = false;
  const memory = enforceMemoryLimit(pid, spec.memoryLimitBytes, spec.memoryPollMs);
  const exited = (async (): Promise<ContainerExit> => {
    const status = await child.status;
    ended = true;
    memory.stop();
    killGroup(pid, "SIGKILL");
    await log.finish();
    const finishedAt = now();
    if (memory.oomKilled) {
      return { exitCode: 137, signal: 9, reason: "OOMKilled", startedAt, finishedAt };
    }
    const signal = status.signal ? status.code - 128 : undefined;
    return {
      exitCode: status.code,
      ...(signal !== undefined ? { signal } : {}),
      reason: status.code === 0 ? "Completed" : "Error",
      startedAt,
      finishedAt,
    };
  })();
  return {
    pid,
    startedAt,
    logDir: log.dir,
    exited,
    // Once it has ended its pid may belong to someone else: never signal it then.
    stop: (gracePeriodMs) => ended ? exited : stopInstance(pid, exited, gracePeriodMs),
  };
}
