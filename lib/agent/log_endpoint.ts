import type { Pod } from "../api/types.ts";
import { bearerTokenCheck } from "../server/auth.ts";
import { containerLogDir, ContainerLogNotFoundError, readContainerLog } from "./runtime/mod.ts";

/** What the log endpoint asks the agent. */
export interface LogEndpointSource {
  /** The agent's log folder. */
  logDir: string;
  /** The pod `namespace/name` that runs here, if any, with the status the agent reports. */
  pod(namespace: string, name: string): Pod | undefined;
  /** Ends followed logs when aborted (the agent stopping). */
  signal: AbortSignal;
}

const PATH = /^\/containerLogs\/([^/]+)\/([^/]+)\/([^/]+)$/;

function status(code: number, reason: string, message: string): Response {
  return Response.json(
    { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code },
    { status: code },
  );
}

/**
 * The agent's log endpoint, as the kubelet's `/containerLogs/{namespace}/{pod}/{container}`:
 * the container's log as text with `tailLines`, `previous`, `timestamps` and `follow` (streamed
 * until the client or the agent goes). With a token, requests must carry it.
 */
export function logEndpointHandler(
  source: LogEndpointSource,
  token?: string,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const denied = token === undefined ? undefined : await bearerTokenCheck(request, token);
    if (denied) return denied;
    const url = new URL(request.url);
    const match = PATH.exec(url.pathname);
    if (request.method !== "GET" || !match) {
      return status(404, "NotFound", "the server could not find the requested resource");
    }
    const [namespace, name, container] = match.slice(1).map(decodeURIComponent);
    const pod = source.pod(namespace, name);
    if (!pod) return status(404, "NotFound", `pods "${name}" not found`);
    const dir = containerLogDir(source.logDir, {
      namespace,
      name,
      uid: pod.metadata.uid!,
    }, container);
    const query = url.searchParams;
    const tail = query.get("tailLines");
    const follow = query.get("follow") === "true";
    // Not request.signal: Deno aborts it once the response starts; cancel() tells of a client gone.
    const gone = new AbortController();
    const stop = AbortSignal.any([source.signal, gone.signal]);
    const lines = readContainerLog(dir, {
      tail: tail === null ? undefined : Number(tail),
      previous: query.get("previous") === "true",
      timestamps: query.get("timestamps") === "true",
      follow,
      signal: stop,
    });
    // The first line (or the end) decides between a log and an error.
    let first: IteratorResult<string>;
    try {
      first = await lines.next();
    } catch (error) {
      if (!(error instanceof ContainerLogNotFoundError)) throw error;
      const previous = query.get("previous") === "true";
      const waiting = pod.status?.containerStatuses?.find((c) => c.name === container)?.state
        ?.waiting?.reason ?? "ContainerCreating";
      return status(
        400,
        "BadRequest",
        previous
          ? `previous terminated container "${container}" in pod "${name}" not found`
          : `container "${container}" in pod "${name}" is waiting to start: ${waiting}`,
      );
    }
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        try {
          for (let next = first; !next.done; next = await lines.next()) {
            controller.enqueue(encoder.encode(`${next.value}\n`));
          }
        } finally {
          controller.close();
        }
      },
      cancel() {
        gone.abort();
      },
    });
    return new Response(body, { headers: { "content-type": "text/plain" } });
  };
}
