import type { HTTPHeader } from "../../api/types.ts";
import { KUBERNETES_VERSION } from "../../server/kubernetes_version.ts";
import { dialErrorMessage } from "./_dial_error.ts";
import type { ProbeResult } from "./probe_result.ts";

/** The kubelet reads at most 10 KiB of a probe's response body. */
const MAX_BODY = 10 * 1024;
const MAX_REDIRECTS = 10;

/** One HTTP GET probe. */
export interface HttpProbeSpec {
  /** The URL to GET, as the kubelet prints it. */
  url: string;
  /** Headers from the probe (repeated names keep every value). */
  headers?: HTTPHeader[];
  /** The deadline for the whole exchange, redirects included. */
  timeoutMs: number;
  /** Aborting cancels the request. */
  signal?: AbortSignal;
}

interface Answer {
  status: number;
  location?: string;
  body: string;
}

/**
 * GETs the URL as the kubelet does: 200 <= status < 400 is Success; redirects are followed on the
 * same host (at most 10), and a redirect to another host ends the probe as a Success with a
 * warning; TLS certificates are not verified.
 */
export async function httpProbe(spec: HttpProbeSpec): Promise<ProbeResult> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), spec.timeoutMs);
  const signal = spec.signal ? AbortSignal.any([spec.signal, deadline.signal]) : deadline.signal;
  const first = new URL(spec.url);
  let url = spec.url;
  try {
    for (let redirects = 0;; redirects++) {
      const answer = await get(url, requestHeaders(spec.headers), signal);
      if (typeof answer === "string") {
        return { result: "Failure", message: `Get "${url}": ${answer}` };
      }
      const { status, location, body } = answer;
      if (status >= 300 && status < 400 && location !== undefined) {
        const next = new URL(location, url);
        if (next.hostname === first.hostname) {
          if (redirects + 1 >= MAX_REDIRECTS) {
            return { result: "Failure", message: `Get "${next.href}": stopped after 10 redirects` };
          }
          url = next.href;
          continue;
        }
      }
      if (status >= 200 && status < 400) {
        return status >= 300
          ? { result: "Success", message: `Probe terminated redirects, Response body: ${body}` }
          : { result: "Success", message: body };
      }
      return { result: "Failure", message: `HTTP probe failed with statuscode: ${status}` };
    }
  } finally {
    clearTimeout(timer);
  }
}

function requestHeaders(headers: HTTPHeader[] = []): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const names = new Map<string, string>();
  for (const { name, value } of headers) {
    const key = names.get(name.toLowerCase()) ?? name;
    names.set(name.toLowerCase(), key);
    (out[key] ??= []).push(value);
  }
  const has = (name: string) => names.has(name);
  const { major, minor } = KUBERNETES_VERSION;
  if (!has("user-agent")) out["User-Agent"] = [`kube-probe/${major}.${minor}`];
  if (!has("accept")) out["Accept"] = ["*/*"];
  else if (out[names.get("accept")!].every((v) => v === "")) delete out[names.get("accept")!];
  return out;
}

/**
 * Node's HTTP client, loaded when a pod first needs it: it costs an agent about 8 MB, and most
 * pods have no HTTP probe. (fetch() cannot send a probe's own Host header or skip TLS checks.)
 */
async function httpClient(
  protocol: string,
): Promise<Pick<typeof import("node:https"), "request">> {
  return protocol === "https:" ? await import("node:https") : await import("node:http");
}

/** One GET: the answer, or Go's wording of what went wrong (without the `Get "url": ` prefix). */
async function get(
  url: string,
  headers: Record<string, string[]>,
  signal: AbortSignal,
): Promise<Answer | string> {
  const target = new URL(url);
  const client = await httpClient(target.protocol);
  const port = target.port || (target.protocol === "https:" ? "443" : "80");
  const hostPort = `${target.hostname}:${port}`;
  return await new Promise((resolve) => {
    let phase: "headers" | "body" = "headers";
    const request = client.request(target, {
      method: "GET",
      headers,
      agent: false,
      rejectUnauthorized: false,
    }, (response) => {
      phase = "body";
      const chunks: Uint8Array[] = [];
      let size = 0;
      const finish = () => {
        resolve({
          status: response.statusCode ?? 0,
          location: response.headers.location,
          body: new TextDecoder().decode(concat(chunks, size)),
        });
        response.destroy();
      };
      response.on("data", (chunk: Uint8Array) => {
        const kept = chunk.subarray(0, MAX_BODY - size);
        chunks.push(kept);
        size += kept.length;
        if (size >= MAX_BODY) finish();
      });
      response.on("end", finish);
      response.on("error", () => finish());
    });
    const onAbort = () => {
      resolve(
        phase === "headers"
          ? "context deadline exceeded (Client.Timeout exceeded while awaiting headers)"
          : "context deadline exceeded (Client.Timeout or context cancellation while reading body)",
      );
      request.destroy();
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    request.on("close", () => signal.removeEventListener("abort", onAbort));
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOTFOUND") resolve(`dial tcp: lookup ${target.hostname}: no such host`);
      else resolve(error.syscall === "connect" ? dialErrorMessage(hostPort, error) : error.message);
    });
    request.end();
  });
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}
