/**
 * Throwaway etcd members for tests: each on free loopback ports with its own data directory
 * (on /dev/shm when there is one, where fsync costs nothing), stopped and removed at the end.
 */

/** Where Debian's etcd-server package installs etcd. */
export const ETCD_BINARY = "/usr/bin/etcd";

/** True when etcd is installed; tests that need it skip (saying why) otherwise. */
export function etcdPresent(): boolean {
  try {
    return Deno.statSync(ETCD_BINARY).isFile;
  } catch {
    return false;
  }
}

/** The reason printed by tests that skip for want of etcd. */
export const ETCD_MISSING = `${ETCD_BINARY} is absent (Debian's etcd-server package): skipped`;

/** One member of a throwaway cluster. */
export interface EtcdMember {
  /** The member's name, e.g. `m0`. */
  readonly name: string;
  /** Its client URL, e.g. `http://127.0.0.1:40123`. */
  readonly clientUrl: string;
  /** Its data directory. */
  readonly dataDir: string;
  /** The process id while it runs. */
  readonly pid: number | undefined;
  /** Starts it again on the same ports and data directory (after stop or kill). */
  start(): Promise<void>;
  /** Stops it with SIGTERM (SIGKILL after 5 s) and waits for the process to end. */
  stop(): Promise<void>;
  /** Kills it with SIGKILL, as a crash would, and waits for the process to end. */
  kill(): Promise<void>;
}

/** A throwaway cluster of one or more members. */
export interface EtcdCluster {
  /** The members, in order. */
  readonly members: EtcdMember[];
  /** Every member's client URL. */
  readonly urls: string[];
  /** Stops every member and removes the data directories. */
  close(): Promise<void>;
}

/** Options of startEtcdCluster(). */
export interface EtcdClusterOptions {
  /** Members (default 1). */
  size?: number;
  /** Extra etcd flags for every member, e.g. `["--max-txn-ops", "1024"]`. */
  flags?: string[];
}

/** A free loopback port (closed again at once: etcd binds it a moment later). */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

async function tempRoot(): Promise<string> {
  try {
    return await Deno.makeTempDir({ dir: "/dev/shm", prefix: "kclone-etcd-" });
  } catch {
    return await Deno.makeTempDir({ prefix: "kclone-etcd-" });
  }
}

/** Polls a member until it answers a read, for up to `timeoutMs`. */
async function waitUntilServing(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/v3/kv/range`, {
        method: "POST",
        body: JSON.stringify({ key: btoa("/"), count_only: true }),
        signal: AbortSignal.timeout(1_000),
      });
      await response.body?.cancel();
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

/** Starts `size` members on loopback and waits until each answers. */
export async function startEtcdCluster(options: EtcdClusterOptions = {}): Promise<EtcdCluster> {
  const size = options.size ?? 1;
  const root = await tempRoot();
  const ports = Array.from({ length: size }, () => ({ client: freePort(), peer: freePort() }));
  const initial = ports.map((p, i) => `m${i}=http://127.0.0.1:${p.peer}`).join(",");
  const token = `kclone-${crypto.randomUUID()}`;
  const members = ports.map((p, i) =>
    makeMember(`m${i}`, `${root}/m${i}`, [
      ...["--listen-client-urls", `http://127.0.0.1:${p.client}`],
      ...["--advertise-client-urls", `http://127.0.0.1:${p.client}`],
      ...["--listen-peer-urls", `http://127.0.0.1:${p.peer}`],
      ...["--initial-advertise-peer-urls", `http://127.0.0.1:${p.peer}`],
      ...["--initial-cluster", initial, "--initial-cluster-token", token],
      ...["--heartbeat-interval", "50", "--election-timeout", "500", "--log-level", "error"],
      ...(options.flags ?? []),
    ], `http://127.0.0.1:${p.client}`)
  );
  const cluster: EtcdCluster = {
    members,
    urls: members.map((m) => m.clientUrl),
    async close() {
      for (const member of members) await member.stop();
      await Deno.remove(root, { recursive: true });
    },
  };
  try {
    await Promise.all(members.map((m) => m.start()));
  } catch (error) {
    await cluster.close();
    throw error;
  }
  return cluster;
}

/** Starts a single member (a cluster of one). */
export async function startEtcdMember(flags: string[] = []): Promise<EtcdCluster> {
  return await startEtcdCluster({ size: 1, flags });
}

function makeMember(name: string, dataDir: string, flags: string[], clientUrl: string): EtcdMember {
  let child: Deno.ChildProcess | undefined;
  let log = "";
  let drained: Promise<void> = Promise.resolve();
  const end = async (signal: Deno.Signal) => {
    const running = child;
    if (!running) return;
    child = undefined;
    try {
      running.kill(signal);
    } catch {
      // Already exited.
    }
    const timer = setTimeout(() => {
      try {
        running.kill("SIGKILL");
      } catch {
        // Already exited.
      }
    }, 5_000);
    await running.status;
    clearTimeout(timer);
    await drained;
  };
  return {
    name,
    clientUrl,
    dataDir,
    get pid() {
      return child?.pid;
    },
    async start() {
      if (child) return;
      const args = ["--name", name, "--data-dir", dataDir, ...flags];
      child = new Deno.Command(ETCD_BINARY, { args, stdout: "null", stderr: "piped" }).spawn();
      drained = (async () => {
        const decoder = new TextDecoder();
        for await (const chunk of child!.stderr) log = (log + decoder.decode(chunk)).slice(-4_000);
      })();
      // Members of a new cluster answer only once a quorum has started: wait for all together.
      if (!await waitUntilServing(clientUrl, 20_000)) {
        await end("SIGKILL");
        throw new Error(`etcd member ${name} did not start at ${clientUrl}:\n${log}`);
      }
    },
    stop: () => end("SIGTERM"),
    kill: () => end("SIGKILL"),
  };
}
