import { dialErrorMessage } from "./_dial_error.ts";
import { joinHostPort } from "./_resolve_port.ts";
import type { ProbeResult } from "./probe_result.ts";

/** Opens a TCP connection to host:port within `timeoutMs`, then closes it. */
export async function tcpProbe(
  host: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<ProbeResult> {
  const hostPort = joinHostPort(host, port);
  const connecting = Deno.connect({ hostname: host, port });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const expired = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
    onAbort = () => resolve("timeout");
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    const outcome = await Promise.race([connecting, expired]);
    if (outcome === "timeout") {
      // The dial cannot be cancelled: close the connection should it still open.
      connecting.then((conn) => conn.close(), () => {});
      return { result: "Failure", message: dialErrorMessage(hostPort, { code: "ETIMEDOUT" }) };
    }
    outcome.close();
    return { result: "Success", message: "" };
  } catch (error) {
    return { result: "Failure", message: dialErrorMessage(hostPort, error) };
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}
