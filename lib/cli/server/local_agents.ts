import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { type KcloneProgram, localAgentCommandLine } from "./agent_command_line.ts";

/** Options of LocalAgents.start(). */
export interface LocalAgentsOptions {
  /** How many agents: `agent-1` ... `agent-N`. */
  count: number;
  /** The URL of the server they join. */
  server: string;
  /** The folder of their state folders (`<db>.agents`): each gets `<stateDir>/agent-i`. */
  stateDir: string;
  /** The bearer token, when the server requires one. */
  token?: string;
  /** The PEM file to trust for an https server. */
  certificateAuthority?: string;
  /** `--lease-interval` for each agent. */
  leaseInterval?: string;
  /** `--crash-loop-back-off` for each agent. */
  crashLoopBackOff?: string;
  /** Where their output goes, line by line, prefixed `agent-i: ` (the server's stderr). */
  log: (line: string) => void;
  /** How kclone was started (default: this process). */
  program?: KcloneProgram;
}

interface RunningAgent {
  name: string;
  child: Deno.ChildProcess;
  exited: boolean;
  done: Promise<unknown>;
}

/**
 * This process as a program to start again: `deno run -A cli.ts`, or the compiled binary; with
 * the lean agent program beside it when it is there (`agent.ts` beside the main module, or the
 * `kclone-agent` binary beside the kclone binary).
 */
export function thisProgram(): KcloneProgram {
  const execPath = Deno.execPath();
  const standalone = Deno.build.standalone;
  const mainModule = Deno.mainModule.startsWith("file:")
    ? fileURLToPath(Deno.mainModule)
    : Deno.mainModule;
  const agentProgram = standalone
    ? join(dirname(execPath), execPath.endsWith(".exe") ? "kclone-agent.exe" : "kclone-agent")
    : join(dirname(mainModule), "agent.ts");
  const env = Deno.env.toObject();
  return {
    execPath,
    mainModule,
    standalone,
    env,
    ...(isFile(agentProgram) ? { agentProgram } : {}),
  };
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/** Copies a stream to `log` line by line, each prefixed. */
async function copyLines(
  stream: ReadableStream<Uint8Array>,
  prefix: string,
  log: (line: string) => void,
): Promise<void> {
  let rest = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop()!;
    for (const line of lines) log(prefix + line);
  }
  if (rest !== "") log(prefix + rest);
}

function exitText(status: Deno.CommandStatus): string {
  return status.signal ? `was killed by ${status.signal}` : `exited with code ${status.code}`;
}

/**
 * The agents `kclone server --agents N` runs beside itself, as child processes in sessions of
 * their own (so that a Ctrl-C in the terminal reaches the server alone, which then stops them:
 * a second signal would cut an agent's clean stop short). Their output is copied to `log`. An
 * agent that dies is reported in one line and not restarted: a node failure is a node failure,
 * and the node lifecycle controller moves its pods.
 */
export class LocalAgents {
  readonly #agents: RunningAgent[] = [];
  readonly #log: (line: string) => void;
  #stopping = false;

  private constructor(log: (line: string) => void) {
    this.#log = log;
  }

  /** Starts the agents (their state folders are made as needed by each agent). */
  static async start(options: LocalAgentsOptions): Promise<LocalAgents> {
    const agents = new LocalAgents(options.log);
    const program = options.program ?? thisProgram();
    try {
      for (let i = 1; i <= options.count; i++) agents.#spawn(`agent-${i}`, program, options);
    } catch (error) {
      await agents.stop();
      throw error;
    }
    return agents;
  }

  /** The agents' names, `agent-1` first. */
  get names(): string[] {
    return this.#agents.map((agent) => agent.name);
  }

  #spawn(name: string, program: KcloneProgram, options: LocalAgentsOptions): void {
    const line = localAgentCommandLine(program, {
      name,
      server: options.server,
      root: join(options.stateDir, name),
      token: options.token,
      certificateAuthority: options.certificateAuthority,
      leaseInterval: options.leaseInterval,
      crashLoopBackOff: options.crashLoopBackOff,
    });
    const child = new Deno.Command(line.command, {
      args: line.args,
      env: line.env,
      clearEnv: true,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      detached: true,
    }).spawn();
    const prefix = `${name}: `;
    const agent: RunningAgent = { name, child, exited: false, done: Promise.resolve() };
    const status = child.status.then((status) => {
      agent.exited = true;
      if (!this.#stopping) {
        options.log(`${prefix}${exitText(status)}; not restarted: node ${name} will go NotReady`);
      }
    });
    agent.done = Promise.all([
      status,
      copyLines(child.stdout, prefix, options.log),
      copyLines(child.stderr, prefix, options.log),
    ]);
    this.#agents.push(agent);
  }

  /**
   * Sends each running agent SIGTERM (once), and waits until all have stopped their pods. A
   * SIGINT or SIGTERM meanwhile is told and ignored: ending the server then would leave agents
   * that write to nobody.
   */
  async stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    const listeners = (["SIGINT", "SIGTERM"] as const).map((signal) => {
      const told = () => this.#log(`${signal} again: waiting for the agents to stop their pods`);
      Deno.addSignalListener(signal, told);
      return () => Deno.removeSignalListener(signal, told);
    });
    for (const agent of this.#agents) {
      if (agent.exited) continue;
      try {
        agent.child.kill("SIGTERM");
      } catch {
        // it ended between the check and the signal
      }
    }
    await Promise.allSettled(this.#agents.map((agent) => agent.done));
    for (const remove of listeners) remove();
  }
}
