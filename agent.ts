/**
 * The `kclone-agent` program: the agent alone (`kclone agent` without the rest of the CLI), as
 * Kubernetes ships the kubelet apart from kubectl. It loads only what a node runs, so that an
 * agent stays small beside its pods: its command line is read from the same flag table as
 * `kclone agent` by a splitter of its own (commander would bring Node's fs, process and
 * child_process modules, about 12 MB of the agent's memory; node:util's parseArgs 2 MB).
 * `kclone server --agents N` starts it when it is there.
 *
 * @example
 * ```sh
 * deno run -A agent.ts --server http://127.0.0.1:6443 --name node-1
 * ```
 *
 * @module
 */
import { parseAgentCommandLine } from "./lib/cli/agent/agent_command_line.ts";
import { runAgent } from "./lib/cli/agent/run_agent.ts";
import { commonErrorLine } from "./lib/cli/error_line.ts";
import { VERSION } from "./lib/version.ts";

/** Runs kclone-agent with `args`; returns the exit code (as cli.ts's main() does). */
export async function main(args: string[]): Promise<number> {
  const commandLine = parseAgentCommandLine(args, (name) => Deno.env.get(name));
  switch (commandLine.kind) {
    case "help":
      console.log(commandLine.text.trimEnd());
      return 0;
    case "version":
      console.log(VERSION);
      return 0;
    case "error":
      console.error(`error: ${commandLine.message}\n(run 'kclone-agent --help' for usage)`);
      return 1;
  }
  try {
    await runAgent(commandLine.flags, commandLine.globals);
    return 0;
  } catch (error) {
    const line = commonErrorLine(error);
    if (line === undefined) throw error;
    console.error(line);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
