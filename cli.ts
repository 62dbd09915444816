/**
 * The `kclone` command. Parse, call the library, print; nothing else lives here.
 *
 * @module
 */
import { Command, CommanderError, Option } from "@commander-js/extra-typings";
import { runDemo } from "./lib/demo/demo.ts";
import { startProgress, stderrTarget } from "./lib/cli/progress_writer.ts";
import {
  errorLine,
  type GlobalOptions,
  parseEtcdUrls,
  parseServerFlag,
  processOutput,
  UsageError,
} from "./lib/cli/context.ts";
import { VERSION } from "./lib/version.ts";
import { COMMAND_GROUPS } from "./lib/cli/commands/mod.ts";

/** Builds the kclone command line. */
export function buildCli(): Command {
  const program = new Command("kclone")
    .description("A small Kubernetes you can read: nodes, pods, deployments, services.")
    .version(VERSION, "-v, --version", "print the kclone version")
    .helpOption("-h, --help", "show help")
    .helpCommand(false)
    .addOption(
      new Option("--db <path>", "SQLite database").env("KCLONE_DB").default("./kclone.db"),
    )
    .addOption(
      new Option(
        "--server <url>",
        "work through the API of a running `kclone server` (URL[,URL...]: the first that answers), not --db",
      ).env("KCLONE_SERVER").conflicts("db").argParser(parseServerFlag),
    )
    .addOption(
      new Option("--etcd <urls>", "keep the cluster in etcd (URL[,URL...]), not in --db")
        .env("KCLONE_ETCD").conflicts(["db", "server"]).argParser(parseEtcdUrls),
    )
    .addOption(new Option("--token <token>", "bearer token for --server").env("KCLONE_TOKEN"))
    .addOption(
      new Option("--certificate-authority <file>", "CA certificate (PEM) of an https --server"),
    )
    .option("-n, --namespace <namespace>", "namespace of namespaced objects")
    .option("--no-color", "never colour the output")
    .option("--up", "show the kclone banner first")
    .showHelpAfterError("(run 'kclone --help' for usage)")
    .showSuggestionAfterError(true)
    // Errors come back to main() as exit codes, from every subcommand too (they inherit this).
    .exitOverride();
  const globals = (): GlobalOptions => {
    const o = program.opts();
    return {
      db: o.db,
      server: o.server,
      etcd: o.etcd,
      token: o.token,
      certificateAuthority: o.certificateAuthority,
      namespace: o.namespace,
      color: o.color,
      up: o.up,
    };
  };
  program.hook("preAction", (_program, command) => {
    if (program.opts().server && DATABASE_ONLY.has(command.name())) {
      throw new UsageError(
        `${command.name()} works on a database (--db) and cannot be used with --server`,
      );
    }
  });
  program.addCommand(
    new Command("demo")
      .description("a narrated walk through kclone, on a temporary database")
      .action(async () => {
        // The bar sits below the narration: erased before each line, drawn again after it.
        const progress = startProgress(stderrTarget(), 7, { label: "demo", minTotal: 1 });
        let done = 0;
        const out = (line: string) => {
          progress.finish();
          console.log(line);
          progress.update(done);
        };
        await runDemo(out, { onStep: (step) => progress.update(done = step - 1) });
        progress.finish();
      }),
  );
  for (const register of COMMAND_GROUPS) register(program, globals);
  return program;
}

/** Commands that open the database themselves: they have no meaning through a server's API. */
const DATABASE_ONLY = new Set(["server", "control-loop", "state-load"]);

/** Global options that take a value, so that their value is not taken for a command. */
const VALUED_GLOBALS = new Set([
  "--db",
  "--server",
  "--etcd",
  "--token",
  "--certificate-authority",
  "-n",
  "--namespace",
]);

/** `kclone --up` with no command means `kclone up`. */
export function withUpCommand(args: readonly string[]): string[] {
  for (let i = 0; i < args.length; i++) {
    if (VALUED_GLOBALS.has(args[i])) i++;
    else if (!args[i].startsWith("-")) return [...args];
  }
  return args.includes("--up") ? [...args, "up"] : [...args];
}

/** Runs the CLI with `args`; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const program = buildCli();
  if (args.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync(withUpCommand(args), { from: "user" });
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
