/**
 * Workloads for the agent tests: a tiny HTTP server (Python's http.server) that answers with its
 * pod's name, logs every request, and fails `/ready` or `/healthz` with 500 once a file named
 * `unready` or `sick` exists in its working folder; and a raw HTTP/1.0 client, one connection
 * per request, as the service proxy balances connections; and polling with a deadline.
 *
 * @module
 */
import type { Pod } from "../../lib/api/types.ts";

/** The server's program; POD_NAME and POD_IP come from the downward API, PORT and BIND optional. */
export const HTTP_SERVER_SCRIPT: string = `
import http.server, os
name = os.environ["POD_NAME"]
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        bad = (self.path == "/ready" and os.path.exists("unready")) or (
            self.path == "/healthz" and os.path.exists("sick"))
        body = (name + "\\n").encode()
        self.send_response(500 if bad else 200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, format, *args):
        if self.path not in ("/ready", "/healthz"):
            print("request " + self.path, flush=True)
address = (os.environ.get("BIND") or os.environ["POD_IP"], int(os.environ.get("PORT", "8080")))
server = http.server.HTTPServer(address, Handler)
print("serving %s on %s:%d" % (name, address[0], address[1]), flush=True)
server.serve_forever()
`;

/** A container running HTTP_SERVER_SCRIPT, with `extra` fields laid over it. */
export function httpServerContainer(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "web",
    image: "python:3",
    command: ["python3", "-u", "-c", HTTP_SERVER_SCRIPT],
    env: [
      { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
      { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
    ],
    ports: [{ containerPort: 8080 }],
    ...extra,
  };
}

/** A Deployment `name` of `replicas` HTTP servers, with probes when given. */
export function httpDeployment(
  name: string,
  replicas: number,
  container: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { terminationGracePeriodSeconds: 2, containers: [httpServerContainer(container)] },
      },
    },
  };
}

/** A NodePort Service for `app` on `nodePort`, port 80 to the pods' 8080. */
export function nodePortService(app: string, nodePort: number): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: app },
    spec: {
      type: "NodePort",
      selector: { app },
      ports: [{ port: 80, targetPort: 8080, nodePort }],
    },
  };
}

/** A bare pod `name` with one container. */
export function barePod(name: string, container: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [{ name: "c", image: "x", ...container }],
    },
  };
}

/** A `kind: List` of the objects, for `kubectl apply -f -`. */
export function list(...items: Record<string, unknown>[]): string {
  return JSON.stringify({ apiVersion: "v1", kind: "List", items });
}

/** GETs `path` from host:port over a new connection (HTTP/1.0); the status and the body. */
export async function httpGet(
  host: string,
  port: number,
  path = "/",
): Promise<{ status: number; body: string }> {
  const conn = await Deno.connect({ hostname: host, port });
  try {
    await conn.write(new TextEncoder().encode(`GET ${path} HTTP/1.0\r\nHost: ${host}\r\n\r\n`));
    const text = await new Response(conn.readable).text();
    const status = Number(/^HTTP\/1\.\d (\d{3})/.exec(text)?.[1] ?? 0);
    return { status, body: text.slice(text.indexOf("\r\n\r\n") + 4) };
  } catch (error) {
    try {
      conn.close();
    } catch { /* closed by the stream */ }
    throw error;
  }
}

/** The working folder of a pod's container on the agent whose root is `root`. */
export function containerDir(root: string, pod: Pod, container = "web"): string {
  return `${root}/pods/${pod.metadata.uid}/${container}`;
}

/** Whether a process with this pid is alive (not a zombie). */
export function alive(pid: number): boolean {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    return !/^\S+ \(.*\) [ZX] /.test(stat);
  } catch {
    return false;
  }
}

/** A random NodePort, so parallel tests do not share one. */
export function randomNodePort(): number {
  return 30000 + Math.floor(Math.random() * 2700);
}

/** Polls `check` until it returns a value other than undefined/false; fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; last: ${String(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The pid in a container's `kclone://<pid>` id. */
export function containerPid(pod: Pod, container = 0): number | undefined {
  const id = pod.status?.containerStatuses?.[container]?.containerID;
  const match = id ? /^kclone:\/\/(\d+)$/.exec(id) : null;
  return match ? Number(match[1]) : undefined;
}

/** Whether a pod is Running with all containers ready. */
export function isReady(pod: Pod): boolean {
  return pod.status?.phase === "Running" &&
    pod.status.conditions?.some((c) => c.type === "Ready" && c.status === "True") === true;
}
