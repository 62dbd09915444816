/**
 * A child process of an end-to-end test, started and waited for until its output says it is
 * ready, and ended with a signal (SIGKILL after 10 s).
 *
 * @module
 */

/** A child process and what it printed. */
export interface Child {
  /** Its pid (for `ip netns exec`, the program it becomes). */
  pid: number;
  /** stdout and stderr so far. */
  output(): string;
  /** Whether it has ended. */
  ended(): boolean;
  /** Signals it and waits for its end; after 10 s kills it and resolves false. */
  end(signal: Deno.Signal): Promise<boolean>;
}

/** Options of spawnChild(). */
export interface SpawnOptions {
  /** Its working folder. */
  cwd: string;
  /** Resolves once the output matches (20 s at most). */
  ready: RegExp;
  /** Added to the environment. */
  env?: Record<string, string>;
}

/** Spawns `command` and waits until its output matches `options.ready`. */
export async function spawnChild(command: string[], options: SpawnOptions): Promise<Child> {
  const child = new Deno.Command(command[0], {
    args: command.slice(1),
    cwd: options.cwd,
    env: { NO_COLOR: "1", ...options.env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let out = "", done = false;
  const seen = Promise.withResolvers<void>();
  const read = async (stream: ReadableStream<Uint8Array>) => {
    for await (const text of stream.pipeThrough(new TextDecoderStream())) {
      out += text;
      if (options.ready.test(out)) seen.resolve();
    }
  };
  const reading = Promise.all([read(child.stdout), read(child.stderr)]);
  const exited = child.status.then(async (status) => {
    done = true;
    await reading;
    return status.code;
  });
  exited.then((code) => seen.reject(new Error(`${command.join(" ")} ended (${code}):\n${out}`)));
  const end = async (signal: Deno.Signal) => {
    try {
      child.kill(signal);
    } catch { /* already ended */ }
    let inTime = true;
    const timer = setTimeout(() => {
      inTime = false;
      try {
        child.kill("SIGKILL");
      } catch { /* ended meanwhile */ }
    }, 10_000);
    await exited;
    clearTimeout(timer);
    return inTime;
  };
  const timer = setTimeout(() => seen.reject(new Error(`did not start:\n${out}`)), 20_000);
  try {
    await seen.promise;
  } catch (error) {
    await end("SIGKILL");
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { pid: child.pid, output: () => out, ended: () => done, end };
}
