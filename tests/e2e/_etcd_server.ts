/**
 * `kclone server --etcd URL` as a child process, and a reader of etcd's keys through its JSON
 * gateway, for end-to-end tests of kclone on etcd.
 *
 * @module
 */
import type { RunningServer } from "./_kubectl.ts";

const CLI: string = new URL("../../cli.ts", import.meta.url).pathname;

/** The flags kclone needs from an etcd member: a batch may hold more than etcd's default 128. */
export const KCLONE_ETCD_FLAGS: string[] = ["--max-txn-ops", "1024"];

/**
 * Starts `kclone server --etcd URLS --port 0` in `dir` (where its kubeconfig and its token file
 * go) and waits until it listens.
 */
export async function startServerOnEtcd(etcd: string[], dir: string): Promise<RunningServer> {
  const kubeconfig = `${dir}/kubeconfig`;
  const args = ["server", "--etcd", etcd.join(","), "--port", "0", "--kubeconfig", kubeconfig];
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args],
    cwd: dir,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const stderr = new Response(child.stderr).text();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const stop = async () => {
    child.kill("SIGTERM");
    while (!(await reader.read()).done);
    const status = await child.status;
    await stderr;
    return status.code;
  };
  let log = "";
  try {
    while (!/listening on http:\/\/127\.0\.0\.1:\d+\n/.test(log)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`kclone server ended before listening: ${log}${await stderr}`);
      log += value;
    }
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  return { kubeconfig, log, stop };
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
