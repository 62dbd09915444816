/**
 * The `kclone-agent` program: the agent alone (`kclone agent` without the rest of the CLI), as
 * Kubernetes ships the kubelet apart from kubectl. It loads only what a node runs, so that an
 * agent stays small beside its pods. `kclone server --agents N` starts it when it is there.
 *
 * @example
 * ```sh
 * deno run -A agent.ts --server http://127.0.0.1:6443 --name node-1
 * ```
 *
 * @module
 */
import { Command, Option } from "@commander-js/extra-typings";
import { type AgentGlobalOptions, defineAgentCommand } from "./lib/cli/agent/agent_command.ts";
import { failureExitCode } from "./lib/cli/exit_code.ts";
import { parseServerFlag } from "./lib/cli/server_flag.ts";
import { VERSION } from "./lib/version.ts";

/** Builds the kclone-agent command line. */
export function buildAgentCli(): Command {
  const program = new Command("kclone-agent");
  const typed = program
    .version(VERSION, "-v, --version", "print the kclone version")
    .helpOption("-h, --help", "show help")
    .addOption(
      new Option("--server <url>", "the API servers to join (URL[,URL...]: the first that answers)")
        .env("KCLONE_SERVER").argParser(parseServerFlag),
    )
    .addOption(new Option("--token <token>", "bearer token for --server").env("KCLONE_TOKEN"))
    .addOption(
      new Option("--certificate-authority <file>", "CA certificate (PEM) of an https --server"),
    )
    .option("--no-color", "never colour the output")
    .showHelpAfterError("(run 'kclone-agent --help' for usage)")
    .showSuggestionAfterError(true)
    // Errors come back to main() as exit codes.
    .exitOverride();
  const globals = (): AgentGlobalOptions => {
    const o = typed.opts();
    return {
      server: o.server,
      token: o.token,
      certificateAuthority: o.certificateAuthority,
      color: o.color,
    };
  };
  defineAgentCommand(program, globals);
  return program;
}

/** Runs kclone-agent with `args`; returns the exit code (as cli.ts's main() does). */
export async function main(args: string[]): Promise<number> {
  try {
    await buildAgentCli().parseAsync(args, { from: "user" });
    return 0;
  } catch (error) {
    return failureExitCode(error);
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
