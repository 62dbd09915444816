import type { Pod } from "../api/types.ts";
import type { ContainerExit, ContainerExitReason } from "./runtime/mod.ts";

/**
 * The previous instance's end as the pod's stored status has it (lastState.terminated of the
 * container): what an agent that adopts a running container reports as lastState from then on.
 */
export function storedLastExit(
  pod: Pod,
  container: string,
): (ContainerExit & { message?: string }) | undefined {
  const status = pod.status?.containerStatuses?.find((s) => s.name === container);
  const last = status?.lastState?.terminated;
  if (!last) return undefined;
  return {
    exitCode: last.exitCode,
    ...(last.signal !== undefined ? { signal: last.signal } : {}),
    reason: (last.reason ?? "Error") as ContainerExitReason,
    ...(last.message ? { message: last.message } : {}),
    startedAt: last.startedAt ? Date.parse(last.startedAt) : 0,
    finishedAt: last.finishedAt ? Date.parse(last.finishedAt) : 0,
  };
}
