/**
 * A cluster across stand-in machines: one etcd member and two `kclone server --etcd --address
 * 0.0.0.0` over TLS (A and B, node-monitor grace period 3 s, pod ranges cut from
 * 127.244.0.0/16: the namespaces' loopbacks are their own) on the host, and one `kclone agent`
 * in each of two network namespaces (see _netns.ts), given `--server A,B` at the host's address
 * on its veth, the bearer token (in KCLONE_TOKEN) and the CA. The servers run in one folder, so
 * they share its `kclone.db.token`. close() stops the agents, the servers and etcd, reaps what is
 * left of pods, deletes the namespaces, and fails when anything was left running.
 *
 * @module
 */
import { findLeftoverContainers, reapLeftoverContainers } from "../../lib/agent/runtime/mod.ts";
import { type EtcdCluster, startEtcdMember } from "../store/_etcd_member.ts";
import { processesUnder } from "./_agents.ts";
import { KCLONE_ETCD_FLAGS } from "./_etcd_server.ts";
import { createNetnsHosts, type NetnsHost, type NetnsHosts, netnsLeftovers } from "./_netns.ts";
import { type Child, spawnChild } from "./_child.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;

/** A server on the host. */
export interface HostServer extends Child {
  /** Its port (it listens on every address). */
  port: number;
  /** The kubeconfig it wrote (`https://127.0.0.1:PORT`, the token, the CA). */
  kubeconfig: string;
}

/** An agent in a namespace. */
export interface NamespacedAgent extends Child {
  /** Its node name, `h1` or `h2`. */
  name: string;
  /** Its namespace and addresses. */
  host: NetnsHost;
  /** Its state folder. */
  root: string;
}

/** The running cluster. */
export interface AcrossHosts {
  /** The servers' certificate (PEM), which is also the CA to trust. */
  cert: string;
  /** The bearer token both servers take. */
  token: string;
  /** Server A, then B. */
  servers: HostServer[];
  /** The agents `h1` and `h2`, in namespaces 0 and 1. */
  agents: NamespacedAgent[];
  /** Stops everything; throws when something was left running or behind. */
  close(): Promise<void>;
}

/** A self-signed pair for `addresses`, made with the README's openssl command in `dir`. */
async function selfSignedPair(dir: string, addresses: string[]): Promise<void> {
  const san = [...addresses.map((a) => `IP:${a}`), "DNS:localhost"].join(",");
  const made = await new Deno.Command("openssl", {
    args: [
      ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
      ...["-days", "365", "-subj", "/CN=kclone", "-addext", `subjectAltName=${san}`],
      ...["-addext", "basicConstraints=critical,CA:FALSE", "-keyout", "kclone.key"],
      ...["-out", "kclone.crt"],
    ],
    cwd: dir,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!made.success) throw new Error(`openssl: ${new TextDecoder().decode(made.stderr)}`);
}

/** Starts the cluster; `dir` must be a new empty folder, removed by close(). */
export async function startAcrossHosts(dir: string): Promise<AcrossHosts> {
  const started: Child[] = [];
  const agents: NamespacedAgent[] = [];
  let etcd: EtcdCluster | undefined;
  let netns: NetnsHosts | undefined;
  const close = async () => {
    const problems: string[] = [];
    try {
      for (const child of started.toReversed()) {
        if (!child.ended() && !(await child.end("SIGTERM"))) {
          problems.push(`did not stop on SIGTERM: ${child.pid}`);
        }
      }
      await etcd?.close();
      for (const agent of agents) {
        const alive = (await findLeftoverContainers(agent.root)).filter((l) => l.alive);
        for (const l of alive) {
          problems.push(`pod left running: ${l.record.pod}/${l.record.container}`);
        }
        await reapLeftoverContainers(agent.root, () => false);
      }
      for (const line of await netns?.close() ?? []) problems.push(`left in a namespace: ${line}`);
      for (const pid of processesUnder(dir)) {
        problems.push(`process left under ${dir}: ${pid}`);
        try {
          Deno.kill(pid, "SIGKILL");
        } catch { /* gone */ }
      }
      for (const left of await netnsLeftovers(netns?.hosts ?? [])) {
        problems.push(`not deleted: ${left}`);
      }
      if (problems.length > 0) throw new Error(problems.join("\n"));
    } finally {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  };
  try {
    netns = await createNetnsHosts(2);
    const hosts = netns.hosts;
    const serverDir = `${dir}/servers`;
    await Deno.mkdir(serverDir);
    await selfSignedPair(serverDir, ["127.0.0.1", ...hosts.map((h) => h.hostAddress)]);
    etcd = await startEtcdMember(KCLONE_ETCD_FLAGS);
    const servers: HostServer[] = [];
    for (const name of ["a", "b"]) {
      const kubeconfig = `${serverDir}/${name}.kubeconfig`;
      const server = await spawnChild([
        ...[Deno.execPath(), "run", "-A", CLI, "--etcd", etcd.urls.join(",")],
        ...["server", "--address", "0.0.0.0", "--port", "0", "--kubeconfig", kubeconfig],
        ...["--tls-cert", "kclone.crt", "--tls-key", "kclone.key"],
        ...["--node-monitor-grace-period", "3s", "--cluster-cidr", "127.244.0.0/16"],
      ], { cwd: serverDir, ready: /listening on https:\/\/0\.0\.0\.0:\d+\n/ });
      started.push(server);
      const port = Number(/listening on https:\/\/0\.0\.0\.0:(\d+)/.exec(server.output())![1]);
      servers.push({ ...server, port, kubeconfig });
    }
    const token = (await Deno.readTextFile(`${serverDir}/kclone.db.token`)).trim();
    for (const [i, host] of hosts.entries()) {
      const name = `h${i + 1}`, root = `${dir}/${name}`;
      const urls = servers.map((s) => `https://${host.hostAddress}:${s.port}`).join(",");
      const agent = await spawnChild([
        ...["ip", "netns", "exec", host.namespace, Deno.execPath(), "run", "-A", CLI],
        ...["--server", urls, "--certificate-authority", `${serverDir}/kclone.crt`, "agent"],
        ...["--name", name, "--address", host.address],
        ...["--root", root, "--cpu", "4", "--mem", "4096", "--lease-interval", "500ms"],
      ], { cwd: dir, env: { KCLONE_TOKEN: token }, ready: new RegExp(`agent ${name} joined`) });
      started.push(agent);
      agents.push({ ...agent, name, host, root });
    }
    const cert = await Deno.readTextFile(`${serverDir}/kclone.crt`);
    return { cert, token, servers, agents, close };
  } catch (error) {
    await close().catch((problem) => console.error(String(problem)));
    throw error;
  }
}
