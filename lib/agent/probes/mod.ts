/**
 * Container probes, as the kubelet runs them: {@linkcode runProbe} runs one exec, httpGet or
 * tcpSocket probe with Kubernetes' success rules and messages; {@linkcode nextProbeState} is the
 * pure state machine of initial delays, periods, thresholds and startup gating; and
 * {@linkcode ContainerProber} drives a container's three probes on a clock and reports readiness,
 * startup, and liveness failures that call for a restart.
 *
 * @module
 */
export * from "./probe_result.ts";
export * from "./run_probe.ts";
export * from "./probe_state.ts";
export * from "./container_prober.ts";
