/**
 * Several `kclone server` processes on one etcd cluster, for the high-availability tests and the
 * failover bench: each server a child process that can be killed with SIGKILL, its output kept,
 * and small readers of the API (the leader Lease, lists) over plain loopback HTTP.
 *
 * @module
 */
import type { AnyObject, Lease } from "../../lib/api/types.ts";

const CLI: string = new URL("../../cli.ts", import.meta.url).pathname;

/** A `kclone server --etcd` child process. */
export interface HaServer {
  /** Its process id (part of its leader-election identity, `<host>-<pid>-<suffix>`). */
  readonly pid: number;
  /** Its base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** The kubeconfig it wrote. */
  readonly kubeconfig: string;
  /** Everything it printed so far, stdout and stderr interleaved as read. */
  output(): string;
  /** Kills it with SIGKILL, as a crash would, and waits for it to end. */
  kill(): Promise<void>;
  /** Stops it with SIGTERM and waits; resolves to its exit code (-1 when already gone). */
  stop(): Promise<number>;
}

/** Starts `kclone server --etcd URLS --port 0` in `dir` and waits until it listens. */
export async function startHaServer(etcd: string[], dir: string): Promise<HaServer> {
  await Deno.mkdir(dir, { recursive: true });
  const kubeconfig = `${dir}/kubeconfig`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, "server", "--etcd", etcd.join(","), "--port", "0"]
      .concat(["--kubeconfig", kubeconfig]),
    cwd: dir,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  let text = "";
  let listening: (url: string) => void = () => {};
  const url = new Promise<string>((resolve) => listening = resolve);
  const read = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      text += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(text);
      if (match) listening(match[1]);
    }
  };
  const drained = Promise.all([read(child.stdout), read(child.stderr)]);
  let ended = false;
  const end = async (signal: Deno.Signal): Promise<number> => {
    if (ended) return -1;
    ended = true;
    try {
      child.kill(signal);
    } catch {
      // Already exited.
    }
    const status = await child.status;
    await drained;
    return status.code;
  };
  const exited = child.status.then(() => undefined);
  const first = await Promise.race([url, exited]);
  if (first === undefined) {
    await end("SIGKILL");
    throw new Error(`kclone server ended before listening:\n${text}`);
  }
  return {
    pid: child.pid,
    url: first,
    kubeconfig,
    output: () => text,
    kill: async () => void await end("SIGKILL"),
    stop: () => end("SIGTERM"),
  };
}

/** The path of the leader Lease of kclone's control loops. */
export const LEADER_LEASE_PATH =
  "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kclone-controller-manager";

/** GETs `path` from the server at `url` as JSON; throws on a non-2xx answer. */
export async function getJson<T>(url: string, path: string): Promise<T> {
  const response = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(15_000) });
  const body = await response.json();
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(body)}`);
  return body as T;
}

/** The leader Lease's holderIdentity as the server at `url` reads it ("" when none). */
export async function leaseHolder(url: string): Promise<string> {
  try {
    return (await getJson<Lease>(url, LEADER_LEASE_PATH)).spec?.holderIdentity ?? "";
  } catch {
    return "";
  }
}

/** The server of `servers` whose pid the identity names, if any. */
export function serverOf(identity: string, servers: HaServer[]): HaServer | undefined {
  return servers.find((server) => identity.includes(`-${server.pid}-`));
}

/** Items of a list path (`/api/v1/pods`) as the server at `url` reads them. */
export async function listItems<T = AnyObject>(url: string, path: string): Promise<T[]> {
  return (await getJson<{ items: T[] }>(url, path)).items;
}

/** Polls `condition` every `everyMs` until it holds (resolves true) or `timeoutMs` passes. */
export async function pollUntil(
  condition: () => Promise<boolean> | boolean,
  timeoutMs: number,
  everyMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Node manifests (YAML) with `pods` as their pod capacity, for `kubectl create -f -`. */
export function nodeManifests(names: string[], pods: number): string {
  return names.map((name) =>
    [
      "apiVersion: v1",
      "kind: Node",
      `metadata: {name: ${name}}`,
      `status: {capacity: {cpu: "4", memory: 4Gi, pods: "${pods}"}}`,
    ].join("\n")
  ).join("\n---\n");
}

/** etcd's status of the member at `url`: its id and the leader it knows ("0" for none). */
async function memberStatus(url: string): Promise<{ id: string; leader: string } | undefined> {
  try {
    const response = await fetch(`${url}/v3/maintenance/status`, {
      method: "POST",
      body: "{}",
      signal: AbortSignal.timeout(1_000),
    });
    const status = await response.json() as { header?: { member_id?: string }; leader?: string };
    if (!response.ok) return undefined;
    return { id: status.header?.member_id ?? "", leader: status.leader ?? "0" };
  } catch {
    return undefined; // Down, or not answering.
  }
}

/** The client URL of the member of `urls` that answers as etcd's leader now, if any. */
export async function etcdLeader(urls: string[]): Promise<string | undefined> {
  for (const url of urls) {
    const status = await memberStatus(url);
    if (status && status.leader === status.id) return url;
  }
  return undefined;
}

/** True when the member at `url` answers and knows of no leader (it has lost its quorum). */
export async function etcdLeaderless(url: string): Promise<boolean> {
  return (await memberStatus(url))?.leader === "0";
}
