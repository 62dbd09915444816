/** The real kubectl, for tests against `kclone server`. */

/** True when `kubectl` is installed (tests that need it skip, saying so, when it is not). */
export async function kubectlPresent(): Promise<boolean> {
  try {
    return (await new Deno.Command("kubectl", { args: ["version", "--client"] }).output()).success;
  } catch {
    return false;
  }
}

/** What one kubectl run gave. */
export interface KubectlResult {
  /** Exit code. */
  code: number;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
}

/** Runs kubectl with a kubeconfig, optionally feeding it stdin. */
export async function kubectl(
  kubeconfig: string,
  args: string[],
  stdin?: string,
): Promise<KubectlResult> {
  const child = new Deno.Command("kubectl", {
    args: ["--kubeconfig", kubeconfig, ...args],
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const done = child.output();
  if (stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(stdin));
    await writer.close();
  }
  const out = await done;
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

/** A `kclone server` running as a child process for a test. */
export interface RunningServer {
  /** The kubeconfig it wrote. */
  kubeconfig: string;
  /** What it printed on stdout up to `listening on ...`. */
  log: string;
  /** Sends SIGTERM and waits for it to end; resolves to its exit code. */
  stop(): Promise<number>;
}

const CLI = new URL("../../cli.ts", import.meta.url).pathname;

/** Starts `kclone server` on a free port on `db` and waits until it listens. */
export function startServer(db: string): Promise<RunningServer> {
  const kubeconfig = db.replace(/kclone\.db$/, "kubeconfig");
  return spawnServer(["--db", db], { kubeconfig });
}

/** Where a server for a test keeps its files, and where it runs. */
export interface SpawnServerOptions {
  /** The kubeconfig it writes. */
  kubeconfig: string;
  /** Its working folder (where a token file beside the default database goes). */
  cwd?: string;
}

/**
 * Starts `kclone <globals> server --port 0` (the globals choose the store: `--db PATH` or
 * `--etcd URLS`) and waits until it listens.
 */
export async function spawnServer(
  globals: string[],
  options: SpawnServerOptions,
): Promise<RunningServer> {
  const { kubeconfig } = options;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...globals, "server", "--port", "0", "--kubeconfig", kubeconfig],
    cwd: options.cwd,
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
