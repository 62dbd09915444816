import type { ContainerPort, EnvVar } from "../../api/types.ts";

/** The outcome of one probe run, as the kubelet records it. */
export interface ProbeResult {
  /** Success or Failure; a probe that cannot even be run is a Failure, never a throw. */
  result: "Success" | "Failure";
  /** What the kubelet would print: the command output, the HTTP body, or the failure reason. */
  message: string;
}

/** What a probe runs against: one container of one pod. */
export interface ProbeTarget {
  /** The pod's IP: the default host of httpGet and tcpSocket probes. */
  podIP: string;
  /** The container's ports, to resolve a named probe port. */
  ports?: ContainerPort[];
  /** Environment of the container, laid over the agent's own for exec probes. */
  env?: Record<string, string> | EnvVar[];
  /** Working directory of the container, for exec probes. */
  workingDir?: string;
}

/** Options of {@linkcode runProbe}. */
export interface RunProbeOptions {
  /** Aborting cancels the probe (kills an exec probe's processes); the result is then a Failure. */
  signal?: AbortSignal;
}

/** Kubernetes' default probe timings, in seconds (and counts). */
export const PROBE_DEFAULTS: {
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
  initialDelaySeconds: number;
} = {
  periodSeconds: 10,
  timeoutSeconds: 1,
  successThreshold: 1,
  failureThreshold: 3,
  initialDelaySeconds: 0,
};

/** A Failure with `message`. */
export function probeFailure(message: string): ProbeResult {
  return { result: "Failure", message };
}
