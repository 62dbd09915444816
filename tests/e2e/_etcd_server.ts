/**
 * `kclone server --etcd URL` as a child process, and a reader of etcd's keys through its JSON
 * gateway, for end-to-end tests of kclone on etcd.
 *
 * @module
 */
import { type RunningServer, spawnServer } from "./_kubectl.ts";

/** The flags kclone needs from an etcd member: a batch may hold more than etcd's default 128. */
export const KCLONE_ETCD_FLAGS: string[] = ["--max-txn-ops", "1024"];

/**
 * Starts `kclone server --etcd URLS --port 0` in `dir` (where its kubeconfig and its token file
 * go) and waits until it listens.
 */
export function startServerOnEtcd(etcd: string[], dir: string): Promise<RunningServer> {
  return spawnServer(["--etcd", etcd.join(",")], { kubeconfig: `${dir}/kubeconfig`, cwd: dir });
}

/** Every key under `prefix` in the member at `url`, as text, read as etcdctl would. */
export async function etcdKeys(url: string, prefix = "/registry/"): Promise<string[]> {
  const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  const response = await fetch(`${url}/v3/kv/range`, {
    method: "POST",
    body: JSON.stringify({ key: btoa(prefix), range_end: btoa(end), keys_only: true }),
  });
  const answer = await response.json() as { kvs?: { key: string }[] };
  return (answer.kvs ?? []).map((kv) => atob(kv.key));
}
