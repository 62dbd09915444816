/**
 * A real local cluster for agent tests: `kclone server` and N `kclone agent`s as child processes
 * on a temporary folder, with short timings (lease 500 ms, CrashLoopBackOff from 200 ms). close()
 * stops everything, reaps what is left of pods (pid files of each agent root) and then checks that
 * no process at all runs from the folder: one left behind fails the test.
 *
 * @module
 */
import { findLeftoverContainers, reapLeftoverContainers } from "../../lib/agent/runtime/mod.ts";
import type { Pod } from "../../lib/api/types.ts";
import { kubectl, type KubectlResult } from "./_kubectl.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;

/** A child `kclone` process and what it printed. */
export interface KcloneChild {
  /** The process. */
  child: Deno.ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves to the exit code once it has ended and its output is read. */
  exited: Promise<number>;
}

/** One agent of the cluster. */
export interface TestAgent {
  /** Node name (`a1`, `a2`, ...). */
  name: string;
  /** Its state folder. */
  root: string;
  /** Its pod range. */
  podCIDR: string;
  /** The running process (replaced by restart()). */
  process: KcloneChild;
  /** Whether it was killed outright (its pods may still run: close() reaps them). */
  killed: boolean;
}

/** Options of startAgentCluster(). */
export interface AgentClusterOptions {
  /** How many agents (default 1). */
  agents?: number;
  /** Extra flags of `kclone server` (e.g. `--node-monitor-grace-period 2s`). */
  serverFlags?: string[];
}

/** A running server with its agents. */
export interface AgentCluster {
  /** The temporary folder everything lives in. */
  dir: string;
  /** The server's URL. */
  url: string;
  /** The kubeconfig for kubectl. */
  kubeconfig: string;
  /** The agents, in order. */
  agents: TestAgent[];
  /** Runs kubectl against the server. */
  kubectl(args: string[], stdin?: string): Promise<KubectlResult>;
  /** GETs an API path (`/api/v1/...`) as JSON. */
  get<T>(path: string): Promise<T>;
  /** The pods of `namespace` (default `default`), optionally by label selector. */
  pods(selector?: string): Promise<Pod[]>;
  /** SIGKILLs an agent and waits for it to be gone. */
  kill(agent: TestAgent): Promise<void>;
  /** SIGTERMs an agent; resolves to its exit code. */
  stop(agent: TestAgent): Promise<number>;
  /** Starts an agent again on its root. */
  restart(agent: TestAgent): Promise<void>;
  /** Stops everything and asserts that no process of the cluster is left. */
  close(): Promise<void>;
}

/** Spawns `kclone ARGS` and waits for a line of stdout matching `ready`. */
export async function spawnKclone(args: string[], ready: RegExp): Promise<KcloneChild> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
    env: { NO_COLOR: "1" },
  }).spawn();
  let out = "";
  const seen = Promise.withResolvers<void>();
  const read = async (stream: ReadableStream<Uint8Array>) => {
    for await (const text of stream.pipeThrough(new TextDecoderStream())) {
      out += text;
      if (ready.test(out)) seen.resolve();
    }
  };
  const reading = Promise.all([read(child.stdout), read(child.stderr)]);
  const exited = (async () => {
    const status = await child.status;
    await reading;
    return status.code;
  })();
  exited.then((code) => seen.reject(new Error(`kclone ${args[0]} ended (${code}): ${out}`)));
  const timer = setTimeout(() => seen.reject(new Error(`kclone did not start: ${out}`)), 20_000);
  try {
    await seen.promise;
  } catch (error) {
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
    await exited;
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { child, output: () => out, exited };
}

/**
 * Starts `kclone server` and `options.agents` agents on a new temporary folder. Each agent gets
 * a pod range of its own inside 127.0.0.0/8, chosen at random so parallel tests do not share
 * addresses.
 */
export async function startAgentCluster(options: AgentClusterOptions = {}): Promise<AgentCluster> {
  const dir = await Deno.makeTempDir({ prefix: "kclone-agents-" });
  const kubeconfig = `${dir}/kubeconfig`;
  const server = await spawnKclone([
    "--db",
    `${dir}/kclone.db`,
    "server",
    "--port",
    "0",
    "--kubeconfig",
    kubeconfig,
    ...(options.serverFlags ?? []),
  ], /listening on http:\/\/127\.0\.0\.1:\d+\n/).catch(async (error) => {
    await Deno.remove(dir, { recursive: true });
    throw error;
  });
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())![1];
  const octet = 100 + Math.floor(Math.random() * 150);
  const agents: TestAgent[] = [];
  const launch = (agent: Omit<TestAgent, "process" | "killed">) =>
    spawnKclone([
      "--server",
      url,
      "agent",
      "--name",
      agent.name,
      "--pod-cidr",
      agent.podCIDR,
      "--root",
      agent.root,
      "--cpu",
      "4",
      "--mem",
      "4096",
      "--lease-interval",
      "500ms",
      "--crash-loop-back-off",
      "200ms",
    ], new RegExp(`kclone agent ${agent.name} joined`));
  const cluster: AgentCluster = {
    dir,
    url,
    kubeconfig,
    agents,
    kubectl: (args, stdin) => kubectl(kubeconfig, args, stdin),
    async get<T>(path: string): Promise<T> {
      const response = await fetch(`${url}${path}`);
      if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      return await response.json() as T;
    },
    async pods(selector?: string): Promise<Pod[]> {
      const query = selector ? `?labelSelector=${encodeURIComponent(selector)}` : "";
      const list = await cluster.get<{ items: Pod[] }>(`/api/v1/namespaces/default/pods${query}`);
      return list.items;
    },
    async kill(agent) {
      agent.killed = true;
      agent.process.child.kill("SIGKILL");
      await agent.process.exited;
    },
    async stop(agent) {
      agent.process.child.kill("SIGTERM");
      return await agent.process.exited;
    },
    async restart(agent) {
      agent.process = await launch(agent);
      agent.killed = false;
    },
    async close() {
      const hung: string[] = [];
      try {
        await Promise.all(agents.map(async (agent) => {
          if (!(await endWithin(agent.process, "SIGTERM", 10_000))) hung.push(agent.name);
        }));
        if (!(await endWithin(server, "SIGTERM", 10_000))) hung.push("server");
        const leaked: string[] = [];
        for (const agent of agents) {
          const alive = (await findLeftoverContainers(agent.root)).filter((l) => l.alive);
          if (!agent.killed) {
            leaked.push(
              ...alive.map((l) => `${agent.name}: ${l.record.pod}/${l.record.container}`),
            );
          }
          await reapLeftoverContainers(agent.root, () => false);
        }
        const stray = processesUnder(dir);
        for (const pid of stray) killQuietly(pid);
        if (hung.length > 0) throw new Error(`did not stop on SIGTERM: ${hung.join(", ")}`);
        if (leaked.length > 0) {
          throw new Error(`agents stopped with SIGTERM left pods running: ${leaked.join(", ")}`);
        }
        if (stray.length > 0) {
          throw new Error(`processes left running under ${dir}: ${stray.join(", ")}`);
        }
      } finally {
        await Deno.remove(dir, { recursive: true }).catch(() => {});
      }
    },
  };
  try {
    for (let i = 1; i <= (options.agents ?? 1); i++) {
      const spec = { name: `a${i}`, root: `${dir}/a${i}`, podCIDR: `127.${octet}.${i}.0/24` };
      agents.push({ ...spec, process: await launch(spec), killed: false });
    }
  } catch (error) {
    await cluster.close().catch(() => {});
    throw error;
  }
  return cluster;
}

/** Signals `process` and waits for its end; after `timeoutMs` kills it and resolves false. */
async function endWithin(
  process: KcloneChild,
  signal: Deno.Signal,
  timeoutMs: number,
): Promise<boolean> {
  try {
    process.child.kill(signal);
  } catch { /* already ended */ }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => timer = setTimeout(() => resolve(false), timeoutMs));
  const ended = await Promise.race([process.exited.then(() => true), late]);
  clearTimeout(timer);
  if (!ended) {
    try {
      process.child.kill("SIGKILL");
    } catch { /* ended meanwhile */ }
    await process.exited;
  }
  return ended;
}

/** Pids of live processes whose working folder or command line is under `dir`. */
export function processesUnder(dir: string): number[] {
  const found: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid) || pid === Deno.pid) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
      if (/^\S+ \(.*\) [ZX] /.test(stat)) continue;
      const cwd = Deno.readLinkSync(`/proc/${pid}/cwd`);
      const cmdline = Deno.readTextFileSync(`/proc/${pid}/cmdline`).replaceAll("\0", " ");
      if (cwd.startsWith(dir) || cmdline.includes(dir)) found.push(pid);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

function killQuietly(pid: number): void {
  try {
    Deno.kill(pid, "SIGKILL");
  } catch { /* gone */ }
}
