/**
 * Helpers for the agent benchmarks (bench/agent_*.ts): a real local cluster, `kclone server` and N
 * agents (the lean agent.ts, as `kclone server --agents` starts them, or `kclone agent`) as child
 * processes on a temporary folder, with `deno run` flags for the agents
 * (e.g. V8 heap limits); the server's pod watch as a stream of events; and a check that nothing
 * of the cluster is left running once it is closed. Not a benchmark itself.
 *
 * @module
 */
import { reapLeftoverContainers } from "../lib/agent/runtime/mod.ts";
import { AGENT_V8_FLAGS } from "../lib/cli/server/agent_command_line.ts";
import type { Pod } from "../lib/api/types.ts";
import { startServerProcess } from "./server_process.ts";

const CLI = new URL("../cli.ts", import.meta.url).pathname;
const AGENT = new URL("../agent.ts", import.meta.url).pathname;

/** One agent child process. */
export interface BenchAgent {
  /** Node name (`a1`, `a2`, ...). */
  name: string;
  /** Its process id (for /proc/<pid>/status). */
  pid: number;
  /** Its state folder. */
  root: string;
}

/** Options of startBenchCluster(). */
export interface BenchClusterOptions {
  /** How many agents (default 1). */
  agents?: number;
  /** `deno run` flags of every agent, before the script (default: those `--agents` uses). */
  agentDenoFlags?: string[];
  /** The agents' program: `agent.ts` (default: the lean kclone-agent) or `cli.ts` (`kclone agent`). */
  agentEntry?: "agent.ts" | "cli.ts";
  /** Each agent's pod capacity (`--pods`; default 110). The default scheduler profile packs
   * pods (MostAllocated), so a capacity is what spreads pods over agents. */
  podsPerAgent?: number;
}

/** A running server with its agents. */
export interface BenchCluster {
  /** The server's URL. */
  url: string;
  /** The server's process id. */
  serverPid: number;
  /** The agents, in order. */
  agents: BenchAgent[];
  /** Stops the agents (which stop their pods), then the server; reaps and names leftovers. */
  close(): Promise<string[]>;
}

interface Spawned {
  child: Deno.ChildProcess;
  ended: Promise<void>;
}

async function spawnAgent(args: string[], flags: string[], ready: string): Promise<Spawned> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ...flags, ...args],
    stdout: "piped",
    stderr: "inherit",
    stdin: "null",
    env: { NO_COLOR: "1" },
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes(ready)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the agent ended before joining: ${out}`);
    out += value;
  }
  const ended = (async () => {
    while (!(await reader.read()).done);
    await child.status;
  })();
  return { child, ended };
}

/** Starts a server and `options.agents` agents (lease 500 ms, pod ranges of 127.X.i.0/24). */
export async function startBenchCluster(options: BenchClusterOptions = {}): Promise<BenchCluster> {
  const dir = await Deno.makeTempDir({ prefix: "kclone-agent-bench-" });
  const server = await startServerProcess(`${dir}/kclone.db`);
  const octet = 100 + Math.floor(Math.random() * 150);
  const agents: (BenchAgent & Spawned)[] = [];
  const close = async (): Promise<string[]> => {
    const left: string[] = [];
    await Promise.all(agents.map(async (agent) => {
      try {
        agent.child.kill("SIGTERM");
      } catch {
        left.push(`agent ${agent.name} had ended before close() (its pods are reaped)`);
      }
      const timer = setTimeout(() => {
        left.push(`agent ${agent.name} did not stop in 20 s on SIGTERM`);
        agent.child.kill("SIGKILL");
      }, 20_000);
      await agent.ended;
      clearTimeout(timer);
    }));
    await server.stop();
    for (const agent of agents) await reapLeftoverContainers(agent.root, () => false);
    for (const pid of processesUnder(dir)) {
      left.push(`process ${pid} (${Deno.readTextFileSync(`/proc/${pid}/cmdline`)})`);
      Deno.kill(pid, "SIGKILL");
    }
    await Deno.remove(dir, { recursive: true });
    return left;
  };
  try {
    for (let i = 1; i <= (options.agents ?? 1); i++) {
      const name = `a${i}`, root = `${dir}/${name}`;
      const args = options.agentEntry === "cli.ts"
        ? [CLI, "--server", server.url, "agent"]
        : [AGENT, "--server", server.url];
      args.push("--name", name, "--root", root);
      args.push("--pod-cidr", `127.${octet}.${i}.0/24`, "--cpu", "64", "--mem", "65536");
      args.push("--lease-interval", "500ms", "--pods", String(options.podsPerAgent ?? 110));
      const spawned = await spawnAgent(
        args,
        options.agentDenoFlags ?? [AGENT_V8_FLAGS],
        `${name} joined`,
      );
      agents.push({ name, root, pid: spawned.child.pid, ...spawned });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { url: server.url, serverPid: server.pid, agents, close };
}

/** Pids of live processes whose working folder or command line is under `dir`. */
export function processesUnder(dir: string): number[] {
  const found: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid) || pid === Deno.pid) continue;
    try {
      if (/^\S+ \(.*\) [ZX] /.test(Deno.readTextFileSync(`/proc/${pid}/stat`))) continue;
      const cmdline = Deno.readTextFileSync(`/proc/${pid}/cmdline`).replaceAll("\0", " ");
      if (Deno.readLinkSync(`/proc/${pid}/cwd`).startsWith(dir) || cmdline.includes(dir)) {
        found.push(pid);
      }
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Pids of live processes named `comm` (e.g. `sleep`) with exactly this command line. */
export function processesRunning(argv: string[]): number[] {
  const wanted = argv.join("\0") + "\0";
  const found: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      if (Deno.readTextFileSync(`/proc/${entry.name}/cmdline`) === wanted) {
        found.push(Number(entry.name));
      }
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** A pod watch event, as the API server streams it. */
export interface PodEvent {
  /** ADDED, MODIFIED, DELETED, BOOKMARK. */
  type: string;
  /** The pod. */
  object: Pod;
}

/**
 * Opens a watch on the pods of `default` from the list's resourceVersion; `onEvent` gets each
 * event with the wall-clock time (ms) its line was read. Resolves once the watch is open.
 */
export async function watchPods(
  url: string,
  signal: AbortSignal,
  onEvent: (event: PodEvent, at: number) => void,
): Promise<{ done: Promise<void> }> {
  const list = await (await fetch(`${url}/api/v1/namespaces/default/pods`)).json();
  const rv = list.metadata.resourceVersion;
  const response = await fetch(
    `${url}/api/v1/namespaces/default/pods?watch=1&resourceVersion=${rv}`,
    { signal },
  );
  if (!response.ok) throw new Error(`watch: ${response.status} ${await response.text()}`);
  const done = (async () => {
    let buffer = "";
    try {
      for await (const text of response.body!.pipeThrough(new TextDecoderStream())) {
        const at = performance.timeOrigin + performance.now();
        buffer += text;
        for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.trim()) onEvent(JSON.parse(line) as PodEvent, at);
        }
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  })();
  return { done };
}

/** Whether a pod is Running with its Ready condition True. */
export function runningAndReady(pod: Pod): boolean {
  return pod.status?.phase === "Running" &&
    pod.status.conditions?.some((c) => c.type === "Ready" && c.status === "True") === true;
}

/** Waits until `count` Nodes are Ready. */
export async function nodesReady(url: string, count: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const list = await (await fetch(`${url}/api/v1/nodes`)).json() as {
      items: { status?: { conditions?: { type: string; status: string }[] } }[];
    };
    const ready = list.items.filter((n) =>
      n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")
    );
    if (ready.length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${count} nodes were not Ready in ${timeoutMs} ms`);
}
