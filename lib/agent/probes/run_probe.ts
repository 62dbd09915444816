import type { Probe } from "../../api/types.ts";
import { execProbe } from "./_exec_probe.ts";
import { httpProbe } from "./_http_probe.ts";
import { joinHostPort, resolveProbePort } from "./_resolve_port.ts";
import { tcpProbe } from "./_tcp_probe.ts";
import {
  PROBE_DEFAULTS,
  probeFailure,
  type ProbeResult,
  type ProbeTarget,
  type RunProbeOptions,
} from "./probe_result.ts";

/**
 * Runs one probe of a container once, as the kubelet does: `exec` runs the command (exit 0 is
 * Success), `httpGet` GETs the URL (200 <= status < 400 is Success), `tcpSocket` opens a
 * connection. Each is bounded by the probe's timeoutSeconds (default 1). Every outcome, a bad
 * named port included, is a {@linkcode ProbeResult}; it never throws.
 *
 * @example
 * ```ts
 * import { runProbe } from "./run_probe.ts";
 * const { result } = await runProbe({ exec: { command: ["true"] } }, { podIP: "127.0.0.1" });
 * console.log(result); // "Success"
 * ```
 */
export async function runProbe(
  probe: Probe,
  target: ProbeTarget,
  options: RunProbeOptions = {},
): Promise<ProbeResult> {
  const timeoutMs = (probe.timeoutSeconds ?? PROBE_DEFAULTS.timeoutSeconds) * 1000;
  const signal = options.signal;
  if (signal?.aborted) return probeFailure("probe cancelled");
  try {
    if (probe.exec) {
      return await execProbe({
        command: probe.exec.command ?? [],
        env: target.env,
        cwd: target.workingDir,
        timeoutMs,
        signal,
      });
    }
    if (probe.httpGet) {
      const get = probe.httpGet;
      const port = resolveProbePort(get.port, target.ports);
      if ("error" in port) return probeFailure(port.error);
      const scheme = get.scheme === "HTTPS" ? "https" : "http";
      const host = joinHostPort(get.host || target.podIP, port.port);
      const path = get.path ?? "";
      const url = `${scheme}://${host}${path === "" || path.startsWith("/") ? path : `/${path}`}`;
      return await httpProbe({ url, headers: get.httpHeaders, timeoutMs, signal });
    }
    if (probe.tcpSocket) {
      const port = resolveProbePort(probe.tcpSocket.port, target.ports);
      if ("error" in port) return probeFailure(port.error);
      return await tcpProbe(probe.tcpSocket.host || target.podIP, port.port, timeoutMs, signal);
    }
    if (probe.grpc) return probeFailure("grpc probes are not supported by kclone");
    return probeFailure("missing probe handler");
  } catch (error) {
    // Outcomes are values: an unexpected error still reads as a failed probe.
    return probeFailure((error as Error)?.message ?? String(error));
  }
}
