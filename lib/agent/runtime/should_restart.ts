import type { ContainerExit, RestartPolicy } from "./types.ts";

/**
 * Whether the kubelet restarts a container that exited: always under `Always`, after a failure
 * (a non-zero exit code, OOMKilled included) under `OnFailure`, never under `Never`.
 *
 * @example
 * ```ts
 * import { shouldRestart } from "./should_restart.ts";
 * shouldRestart("OnFailure", { exitCode: 0 }); // false
 * ```
 */
export function shouldRestart(
  restartPolicy: RestartPolicy | undefined,
  exit: Pick<ContainerExit, "exitCode">,
): boolean {
  switch (restartPolicy ?? "Always") {
    case "Always":
      return true;
    case "OnFailure":
      return exit.exitCode !== 0;
    default:
      return false;
  }
}
