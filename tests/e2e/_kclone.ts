/**
 * Runs the real kclone CLI as a subprocess, for end-to-end tests: `kclone(args, { db })` and
 * `withDb(fn)` for a temporary database that is removed afterwards.
 *
 * @module
 */

const CLI: string = new URL("../../cli.ts", import.meta.url).pathname;

/** Options of kclone(). */
export interface KcloneOptions {
  /** The database, passed as `--db` before the arguments. */
  db?: string;
  /**
   * Extra environment variables. NO_COLOR is `1` unless given here; pass `NO_COLOR: ""` to
   * leave it unset.
   */
  env?: Record<string, string>;
  /** Text written to the process's stdin (otherwise stdin is closed). */
  stdin?: string;
}

/** What a kclone process printed and how it exited. */
export interface KcloneResult {
  /** Exit code. */
  code: number;
  /** Everything printed on stdout. */
  stdout: string;
  /** Everything printed on stderr. */
  stderr: string;
}

/** The `deno` arguments and environment that run the CLI with `args`. */
export function kcloneCommand(args: string[], options: KcloneOptions = {}): Deno.CommandOptions {
  const env: Record<string, string> = { NO_COLOR: "1", ...options.env };
  const clearEnv = env.NO_COLOR === "";
  if (clearEnv) delete env.NO_COLOR;
  const dbArgs = options.db === undefined ? [] : ["--db", options.db];
  const base = clearEnv
    ? Object.fromEntries(
      Object.entries(Deno.env.toObject()).filter(([key]) => key !== "NO_COLOR"),
    )
    : {};
  return {
    args: ["run", "-A", CLI, ...dbArgs, ...args],
    env: { ...base, ...env },
    clearEnv,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  };
}

/** Runs `kclone ARGS...` to the end and returns its exit code and output. */
export async function kclone(args: string[], options: KcloneOptions = {}): Promise<KcloneResult> {
  const child = new Deno.Command(Deno.execPath(), kcloneCommand(args, options)).spawn();
  const done = child.output(); // read while writing, so a chatty child never blocks on a full pipe
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const output = await done;
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

/** Runs `fn` with the path of a database in a new temporary directory, removed afterwards. */
export async function withDb(fn: (db: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "kclone-e2e-" });
  try {
    await fn(`${dir}/kclone.db`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
