/**
 * The `kclone` command. Parse, call the library, print; nothing else lives here.
 *
 * @module
 */
import { Command, CommanderError, Option } from "@commander-js/extra-typings";
import { runDemo } from "./lib/demo/demo.ts";
import { errorLine, type GlobalOptions, processOutput } from "./lib/cli/context.ts";
import { VERSION } from "./lib/version.ts";
import { COMMAND_GROUPS } from "./lib/cli/commands/mod.ts";

/** Builds the kclone command line. */
export function buildCli(): Command {
  const program = new Command("kclone")
    .description("A small Kubernetes you can read: nodes, pods, deployments, services.")
    .version(VERSION, "-v, --version", "print the kclone version")
    .helpOption("-h, --help", "show help")
    .addOption(
      new Option("--db <path>", "SQLite database").env("KCLONE_DB").default("./kclone.db"),
    )
    .option("-n, --namespace <namespace>", "namespace of namespaced objects")
    .option("--no-color", "never colour the output")
    .option("--up", "show the kclone banner first")
    .showHelpAfterError("(run 'kclone --help' for usage)")
    .showSuggestionAfterError(true);
  const globals = (): GlobalOptions => {
    const o = program.opts();
    return { db: o.db, namespace: o.namespace, color: o.color, up: o.up };
  };
  program.addCommand(
    new Command("demo")
      .description("a narrated walk through kclone, on a temporary database")
      .action(() => runDemo()),
  );
  for (const register of COMMAND_GROUPS) register(program, globals);
  return program;
}

/** Runs the CLI with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const program = buildCli();
  program.exitOverride();
  try {
    await program.parseAsync(args, { from: "user" });
    if (args.length === 0) program.outputHelp();
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    const line = errorLine(error);
    if (line === undefined) throw error;
    processOutput().err(line);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
