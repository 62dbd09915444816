import type { EnvVar } from "../../api/types.ts";
import { lookPath } from "../runtime/_exec_lookup.ts";
import type { ProbeResult } from "./probe_result.ts";

/** The kubelet keeps at most 10 KiB of an exec probe's output. */
const MAX_OUTPUT = 10 * 1024;

/** What an exec probe runs, and where. */
export interface ExecProbeSpec {
  /** argv: the program and its arguments, run without a shell. */
  command: string[];
  /** Environment laid over the agent's own. */
  env?: Record<string, string> | EnvVar[];
  /** Working directory. */
  cwd?: string;
  /** Kill the command after this many milliseconds. */
  timeoutMs: number;
  /** Aborting kills the command. */
  signal?: AbortSignal;
}

/** Runs a command: exit 0 is Success; the message is its combined output (at most 10 KiB). */
export async function execProbe(spec: ExecProbeSpec): Promise<ProbeResult> {
  const [program, ...args] = spec.command;
  if (!program) return { result: "Failure", message: "exec probe has no command" };
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(program, {
      args,
      env: envRecord(spec.env),
      cwd: spec.cwd,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      // Its own process group, so that a timeout kills what the command started too.
      detached: true,
    }).spawn();
  } catch (error) {
    const path = envRecord(spec.env)?.PATH ?? Deno.env.get("PATH") ?? "";
    return { result: "Failure", message: await spawnErrorMessage(program, spec.cwd, path, error) };
  }
  const output = new OutputBuffer(MAX_OUTPUT);
  const reading = Promise.all([output.drain(child.stdout), output.drain(child.stderr)]);
  let timedOut = false;
  const kill = () => {
    try {
      Deno.kill(-child.pid, "SIGKILL");
    } catch { /* already gone */ }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, spec.timeoutMs);
  spec.signal?.addEventListener("abort", kill, { once: true });
  const status = await child.status;
  clearTimeout(timer);
  spec.signal?.removeEventListener("abort", kill);
  // A process the command left behind may hold the pipes open: then its group still exists
  // (so its id cannot have been reused), and killing it ends the probe.
  if (!(await settlesWithin(reading, 100))) kill();
  await reading;
  if (timedOut) {
    return {
      result: "Failure",
      message: `command ${JSON.stringify(spec.command.join(" "))} timed out`,
    };
  }
  return { result: status.code === 0 ? "Success" : "Failure", message: output.text() };
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => timer = setTimeout(() => resolve(false), ms));
  const settled = await Promise.race([promise.then(() => true), late]);
  clearTimeout(timer);
  return settled;
}

function envRecord(env: ExecProbeSpec["env"]): Record<string, string> | undefined {
  if (!Array.isArray(env)) return env;
  return Object.fromEntries(
    env.filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]),
  );
}

async function spawnErrorMessage(
  program: string,
  cwd: string | undefined,
  path: string,
  error: unknown,
): Promise<string> {
  if (!(error instanceof Deno.errors.NotFound)) {
    return `exec: ${JSON.stringify(program)}: ${(error as Error).message}`;
  }
  if (cwd) {
    try {
      await Deno.stat(cwd);
    } catch {
      return `chdir ${cwd}: no such file or directory`;
    }
  }
  // The words the container runtime uses for a command it cannot start.
  const found = lookPath(program, path);
  return "error" in found ? found.error : `exec: ${JSON.stringify(program)}: not found`;
}

/** Keeps the first `limit` bytes written to it, and drains (and drops) the rest. */
class OutputBuffer {
  #chunks: Uint8Array[] = [];
  #size = 0;
  #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  async drain(stream: ReadableStream<Uint8Array>): Promise<void> {
    for await (const chunk of stream) {
      const room = this.#limit - this.#size;
      if (room <= 0) continue;
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      this.#chunks.push(kept);
      this.#size += kept.length;
    }
  }

  text(): string {
    const all = new Uint8Array(this.#size);
    let at = 0;
    for (const chunk of this.#chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    return new TextDecoder().decode(all);
  }
}
