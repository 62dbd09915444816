/**
 * A cluster for agent failover tests: one etcd member, two `kclone server --etcd` processes (A
 * and B, node-monitor grace period 3 s) and one `kclone agent --server A,B` (lease every 500 ms),
 * each process in its own folder under one temporary folder. close() stops the agent (which
 * stops its pods), the servers and etcd, then checks, as startAgentCluster() does, that no pod
 * and no process at all is left under the folder.
 *
 * @module
 */
import { findLeftoverContainers, reapLeftoverContainers } from "../../lib/agent/runtime/mod.ts";
import { type EtcdCluster, startEtcdMember } from "../store/_etcd_member.ts";
import { KCLONE_ETCD_FLAGS } from "./_etcd_server.ts";
import { processesUnder } from "./_agents.ts";
import { type Child, spawnChild } from "./_child.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;

/** A `kclone` child process. */
export type KcloneProcess = Child;

/** A running server. */
export interface FailoverServer extends KcloneProcess {
  /** Its URL. */
  url: string;
}

/** The cluster. */
export interface FailoverCluster {
  /** The temporary folder. */
  dir: string;
  /** Server A, then server B. */
  servers: [FailoverServer, FailoverServer];
  /** The agent's node name. */
  node: string;
  /** The agent's state folder. */
  root: string;
  /** The agent. */
  agent: KcloneProcess;
  /** Stops everything and asserts that nothing is left running. */
  close(): Promise<void>;
}

/** Spawns `kclone ARGS` in `cwd` and waits (20 s at most) for its output to match `ready`. */
async function spawnIn(cwd: string, args: string[], ready: RegExp): Promise<KcloneProcess> {
  await Deno.mkdir(cwd, { recursive: true });
  return await spawnChild([Deno.execPath(), "run", "-A", CLI, ...args], { cwd, ready });
}

/** Starts etcd, servers A and B on it, and an agent given `--server A,B`. */
export async function startFailoverCluster(): Promise<FailoverCluster> {
  const dir = await Deno.makeTempDir({ prefix: "kclone-failover-" });
  const started: KcloneProcess[] = [];
  let etcd: EtcdCluster | undefined;
  const node = "f1";
  const root = `${dir}/agent/root`;
  let ran = false;
  const close = async () => {
    const hung: string[] = [];
    try {
      for (const process of started.toReversed()) {
        if (!process.ended() && !(await process.end("SIGTERM"))) hung.push(String(process.pid));
      }
      await etcd?.close();
      const leaked = (await findLeftoverContainers(root)).filter((l) => l.alive);
      await reapLeftoverContainers(root, () => false);
      const stray = processesUnder(dir);
      for (const pid of stray) {
        try {
          Deno.kill(pid, "SIGKILL");
        } catch { /* gone */ }
      }
      if (hung.length > 0) throw new Error(`did not stop on SIGTERM: ${hung.join(", ")}`);
      if (ran && leaked.length > 0) {
        const names = leaked.map((l) => `${l.record.pod}/${l.record.container}`);
        throw new Error(`the agent stopped with SIGTERM left pods running: ${names.join(", ")}`);
      }
      if (stray.length > 0) throw new Error(`processes left under ${dir}: ${stray.join(", ")}`);
    } finally {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  };
  try {
    etcd = await startEtcdMember(KCLONE_ETCD_FLAGS);
    const servers: FailoverServer[] = [];
    for (const name of ["a", "b"]) {
      const process = await spawnIn(`${dir}/${name}`, [
        ...["--etcd", etcd.urls.join(","), "server", "--port", "0"],
        ...["--kubeconfig", `${dir}/${name}/kubeconfig`, "--node-monitor-grace-period", "3s"],
      ], /listening on http:\/\/127\.0\.0\.1:\d+\n/);
      started.push(process);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(process.output())![1];
      servers.push({ ...process, url });
    }
    const octet = 100 + Math.floor(Math.random() * 150);
    const agent = await spawnIn(`${dir}/agent`, [
      ...["--server", servers.map((s) => s.url).join(","), "agent", "--name", node],
      ...["--pod-cidr", `127.${octet}.7.0/24`, "--root", root, "--cpu", "4", "--mem", "4096"],
      ...["--lease-interval", "500ms", "--crash-loop-back-off", "200ms"],
    ], new RegExp(`kclone agent ${node} joined`));
    started.push(agent);
    ran = true;
    return { dir, servers: [servers[0], servers[1]], node, root, agent, close };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}
