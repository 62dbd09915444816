import { goDuration } from "./_go_duration.ts";

/** Knobs of crashLoopBackOffMs(). */
export interface CrashLoopBackOffOptions {
  /** The first back-off (Kubernetes: 10 s). */
  initialMs?: number;
  /** The cap (Kubernetes: 5 min). */
  maxMs?: number;
  /** Multiplies both, so tests can run the same curve in milliseconds (e.g. 0.001). */
  scale?: number;
}

/**
 * How long the kubelet waits before restarting a container that has already been restarted
 * `restarts` times and just exited again. As the kubelet's back-off does it, the first restart
 * is immediate (0), then 10 s, 20 s, 40 s, ... doubling up to 5 min. The kubelet forgets the
 * back-off once a container has run for twice the cap (10 min); the caller counts `restarts`
 * from that reset.
 *
 * @example
 * ```ts
 * import { crashLoopBackOffMs } from "./crash_loop_back_off.ts";
 * [0, 1, 2, 3, 6, 9].map((r) => crashLoopBackOffMs(r)); // [0, 10000, 20000, 40000, 300000, 300000]
 * ```
 */
export function crashLoopBackOffMs(
  restarts: number,
  options: CrashLoopBackOffOptions = {},
): number {
  const scale = options.scale ?? 1;
  const initial = (options.initialMs ?? 10_000) * scale;
  const max = (options.maxMs ?? 300_000) * scale;
  if (restarts <= 0) return 0;
  return Math.min(initial * 2 ** Math.min(restarts - 1, 62), max);
}

/** The pod a back-off message names. */
export interface BackOffPodRef {
  /** Pod name. */
  name: string;
  /** Pod namespace. */
  namespace: string;
  /** Pod uid. */
  uid: string;
}

/**
 * The kubelet's CrashLoopBackOff waiting message, word for word:
 * `back-off 20s restarting failed container=app pod=web_default(1234-...)`.
 *
 * @example
 * ```ts
 * import { crashLoopBackOffMessage } from "./crash_loop_back_off.ts";
 * crashLoopBackOffMessage(80_000, "app", { name: "web", namespace: "default", uid: "u1" });
 * // "back-off 1m20s restarting failed container=app pod=web_default(u1)"
 * ```
 */
export function crashLoopBackOffMessage(
  delayMs: number,
  containerName: string,
  pod: BackOffPodRef,
): string {
  return `back-off ${
    goDuration(delayMs)
  } restarting failed container=${containerName} pod=${pod.name}_${pod.namespace}(${pod.uid})`;
}
