/** How this kclone was started: a script under `deno run`, or a `deno compile`d binary. */
export interface KcloneProgram {
  /** `Deno.execPath()`: the deno binary, or the compiled kclone itself. */
  execPath: string;
  /** The path of the main module (`cli.ts`), for `deno run`. */
  mainModule: string;
  /** `Deno.build.standalone`: true in a `deno compile`d binary. */
  standalone: boolean;
  /** The environment to start from. */
  env: Record<string, string>;
  /**
   * The lean agent program, when there is one: `agent.ts` beside the main module under
   * `deno run`, the `kclone-agent` binary beside kclone when compiled. Without it the agent is
   * `kclone agent`.
   */
  agentProgram?: string;
}

/**
 * V8 flags of the lean agent (`deno task compile:agent` bakes the same in): a 1 MB young
 * generation and no optimizing compiler (lite mode) keep a node with 50 pods at 59.6 MB instead
 * of 66.2 MB (BENCHMARKS.md, 11.2); the proxy still forwards 8,300 requests/s.
 */
export const AGENT_V8_FLAGS = "--v8-flags=--max-semi-space-size=1,--lite-mode";

/** One local agent of `kclone server --agents N`. */
export interface LocalAgentSpec {
  /** Its node name, `agent-1`. */
  name: string;
  /** The URL of the server it joins. */
  server: string;
  /** Its state folder. */
  root: string;
  /** The bearer token, when the server requires one (given in the environment, not in argv). */
  token?: string;
  /** The PEM file to trust for an https server. */
  certificateAuthority?: string;
  /** `--lease-interval` to pass on. */
  leaseInterval?: string;
  /** `--crash-loop-back-off` to pass on. */
  crashLoopBackOff?: string;
}

/** A process to start: the program, its arguments and its whole environment. */
export interface CommandLine {
  /** The program. */
  command: string;
  /** Its arguments. */
  args: string[];
  /** Its environment, complete (start it with clearEnv). */
  env: Record<string, string>;
}

/** Variables that would steer the child away from its flags (`--server` conflicts with them). */
const DROPPED_ENV = ["KCLONE_DB", "KCLONE_SERVER", "KCLONE_ETCD", "KCLONE_TOKEN"];

/**
 * The command that starts a local agent. The lean agent program when there is one (it loads only
 * what a node runs): `deno run -A agent.ts ...` under `deno run`, the `kclone-agent` binary when
 * compiled; else kclone itself as it was started, with `agent`. The token goes in KCLONE_TOKEN,
 * where other users cannot read it (argv is public in `ps`); KCLONE_DB, KCLONE_SERVER and
 * KCLONE_ETCD are left out.
 *
 * @example
 * ```ts
 * import { localAgentCommandLine } from "./agent_command_line.ts";
 * const line = localAgentCommandLine(
 *   {
 *     execPath: "/usr/bin/kclone",
 *     mainModule: "/cli.ts",
 *     standalone: true,
 *     env: {},
 *     agentProgram: "/usr/bin/kclone-agent",
 *   },
 *   { name: "agent-1", server: "http://127.0.0.1:6443", root: "/var/kclone/agent-1" },
 * );
 * line.command; // "/usr/bin/kclone-agent"
 * line.args; // ["--server", "http://127.0.0.1:6443", "--name", "agent-1", "--root", "/var/kclone/agent-1"]
 * ```
 */
export function localAgentCommandLine(program: KcloneProgram, spec: LocalAgentSpec): CommandLine {
  const globals = ["--server", spec.server];
  if (spec.certificateAuthority !== undefined) {
    globals.push("--certificate-authority", spec.certificateAuthority);
  }
  const agent = ["--name", spec.name, "--root", spec.root];
  if (spec.leaseInterval !== undefined) agent.push("--lease-interval", spec.leaseInterval);
  if (spec.crashLoopBackOff !== undefined) {
    agent.push("--crash-loop-back-off", spec.crashLoopBackOff);
  }
  const env = Object.fromEntries(
    Object.entries(program.env).filter(([key]) => !DROPPED_ENV.includes(key)),
  );
  if (spec.token !== undefined) env.KCLONE_TOKEN = spec.token;
  const lean = program.agentProgram;
  if (lean !== undefined) {
    if (program.standalone) return { command: lean, args: [...globals, ...agent], env };
    return {
      command: program.execPath,
      args: ["run", "-A", AGENT_V8_FLAGS, lean, ...globals, ...agent],
      env,
    };
  }
  const script = program.standalone ? [] : ["run", "-A", program.mainModule];
  return { command: program.execPath, args: [...script, ...globals, "agent", ...agent], env };
}
