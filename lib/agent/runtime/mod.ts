/**
 * The container runtime of `kclone agent`: pods' containers as real processes.
 *
 * Decisions are pure functions: the environment (containerEnv, `$(VAR)` expansion), the argv
 * (commandLine), restarts (shouldRestart, crashLoopBackOffMs), the pod phase (podPhase) and the
 * containerStatuses entries (containerStatus). Side effects sit at the edges: startContainer()
 * runs a process with its log, pid file and memory limit; readContainerLog() reads logs as
 * `kubectl logs` does; findLeftoverContainers(), adoptContainer() and reapLeftoverContainers() let
 * a restarted agent take its running containers back and clean up the rest.
 *
 * @example
 * ```ts ignore
 * import { commandLine, containerEnv, startContainer } from "./mod.ts";
 * const env = containerEnv(pod, container, { podIP: "127.0.10.2" });
 * if (!env.ok) throw new Error(env.message); // waiting: CreateContainerConfigError
 * const argv = commandLine(container, env.env)!;
 * const running = await startContainer({ podUid, namespace, podName, containerName: container.name,
 *   argv, env: env.env, root: "/var/lib/kclone", logDir: "/var/log/kclone/pods" });
 * const exit = await running.exited;
 * ```
 *
 * @module
 */

export { adoptContainer, type AdoptSpec, UNKNOWN_EXIT_MESSAGE } from "./adopt_container.ts";
export { commandLine } from "./command_line.ts";
export {
  containerEnv,
  type ContainerEnvOptions,
  type ContainerEnvResult,
} from "./container_env.ts";
export {
  containerOutputPaths,
  ContainerOutputTail,
  type ContainerOutputTailOptions,
  type OutputOffsets,
  outputOffsetsPath,
  readOutputOffsets,
} from "./container_output.ts";
export {
  containerLogDir,
  ContainerLogWriter,
  type ContainerLogWriterOptions,
} from "./container_log_writer.ts";
export {
  type ContainerPhase,
  containerStatus,
  type ContainerStatusInput,
} from "./container_status.ts";
export {
  type BackOffPodRef,
  crashLoopBackOffMessage,
  crashLoopBackOffMs,
  type CrashLoopBackOffOptions,
} from "./crash_loop_back_off.ts";
export { expandVariables } from "./expand_variables.ts";
export {
  findLeftoverContainers,
  isSameProcess,
  type LeftoverContainer,
  type PidFile,
  pidFilePath,
  reapLeftoverContainers,
  type ReapOptions,
  writePidFile,
} from "./pid_file.ts";
export { podPhase, type PodPhaseOptions } from "./pod_phase.ts";
export {
  ContainerLogNotFoundError,
  readContainerLog,
  type ReadContainerLogOptions,
} from "./read_container_log.ts";
export { shouldRestart } from "./should_restart.ts";
export {
  type ContainerProcessSpec,
  ContainerStartError,
  type RunningContainer,
  startContainer,
} from "./start_container.ts";
export type { ContainerExit, ContainerExitReason, RestartPolicy } from "./types.ts";
export type { LogStream } from "./_cri_log_line.ts";
