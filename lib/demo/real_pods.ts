import { Agent } from "../agent/agent.ts";
import type { Service } from "../api/types.ts";
import { Cluster } from "../cluster/cluster.ts";
import { ApiServer } from "../server/api_server.ts";
import { RemoteStore } from "../store/remote/mod.ts";

/** A tiny HTTP server that answers with its pod's name, in Python (no shell). */
const PYTHON_SERVER = [
  "python3",
  "-c",
  [
    "import http.server, os",
    "class H(http.server.BaseHTTPRequestHandler):",
    "  def do_GET(s):",
    "    b = ('hello from ' + os.environ['POD_NAME'] + '\\n').encode()",
    "    s.send_response(200); s.end_headers(); s.wfile.write(b)",
    "  def log_message(s, *a): print(a[0] % a[1:], flush=True)",
    "http.server.HTTPServer((os.environ['POD_IP'], 8080), H).serve_forever()",
  ].join("\n"),
];

/** Whether python3 runs here (the demo's real pod needs it). */
async function havePython(): Promise<boolean> {
  try {
    return (await new Deno.Command("python3", { args: ["-c", "pass"] }).output()).success;
  } catch {
    return false;
  }
}

function hello(replicas: number) {
  return `
apiVersion: apps/v1
kind: Deployment
metadata: { name: hello }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: hello } }
  template:
    metadata: { labels: { app: hello } }
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - name: hello
          image: python:3
          command: ${JSON.stringify(PYTHON_SERVER)}
          env:
            - { name: POD_NAME, valueFrom: { fieldRef: { fieldPath: metadata.name } } }
            - { name: POD_IP, valueFrom: { fieldRef: { fieldPath: status.podIP } } }
          ports: [{ containerPort: 8080 }]
          readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 }
---
apiVersion: v1
kind: Service
metadata: { name: hello }
spec:
  type: NodePort
  selector: { app: hello }
  ports: [{ port: 80, targetPort: 8080 }]
`;
}

/** Polls `check` every 100 ms until it holds, for at most `ms`. */
async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * The demo's real pods: an API server and an agent in this process, two replicas of a tiny
 * Python HTTP server run as processes with their own IPs, and real requests through the
 * Service's NodePort on 127.0.0.1, answered round robin. Skipped, saying why, without python3.
 */
export async function realPodsStep(out: (line: string) => void, dir: string): Promise<void> {
  if (!(await havePython())) {
    out("   skipped: python3 is not installed here (the real pod runs a tiny Python server)");
    return;
  }
  const cluster = await Cluster.open();
  const server = new ApiServer(cluster);
  let agent: Agent | undefined;
  const store = new RemoteStore(await server.start({ port: 0 }));
  try {
    await cluster.start({ intervalMs: 20 });
    agent = await Agent.start({
      store,
      name: "agent-1",
      cpu: "2",
      memory: "2048Mi",
      podCIDR: "127.244.9.0/24",
      root: `${dir}/agent-1`,
      leaseIntervalMs: 1_000,
      proxy: true,
    });
    out(
      "   kclone agent agent-1 joined: a node that runs pods as processes (pod range 127.244.9.0/24)",
    );
    await cluster.apply(hello(2));
    const ready = await until(async () => {
      const endpoints = await cluster.get("Endpoints", "hello");
      return (endpoints?.subsets?.[0]?.addresses?.length ?? 0) === 2;
    }, 15_000);
    for (const pod of await cluster.list("Pod", { labelSelector: "app=hello" })) {
      const pid = pod.status?.containerStatuses?.[0]?.containerID?.replace("kclone://", "");
      out(
        `   pod/${pod.metadata.name} ${pod.status?.phase} at ${pod.status?.podIP}, process ${pid}`,
      );
    }
    if (!ready) {
      out("   the pods did not become ready in 15 s");
      return;
    }
    const service = (await cluster.get("Service", "hello")) as Service;
    const nodePort = service.spec.ports?.[0].nodePort;
    for (let i = 1; i <= 4; i++) {
      let text = "no answer";
      await until(async () => {
        try {
          const response = await fetch(`http://127.0.0.1:${nodePort}/`);
          text = (await response.text()).trim();
          return response.ok;
        } catch {
          return false;
        }
      }, 5_000);
      out(`   GET 127.0.0.1:${nodePort} -> ${text}`);
    }
  } finally {
    await agent?.stop();
    await store.close();
    await cluster.stop();
    await server.stop();
    await cluster.close();
  }
}
