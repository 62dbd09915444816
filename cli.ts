/**
 * The `kclone` command. Parse, call the library, print; nothing else lives here.
 *
 * @module
 */
import { Command } from "@commander-js/extra-typings";
import { VERSION } from "./lib/version.ts";
import { runDemo } from "./lib/demo/demo.ts";

/** Builds the kclone command line (commands are added as issues land). */
export function buildCli(): Command {
  return new Command("kclone")
    .description("A small Kubernetes you can read: nodes, pods, deployments, services.")
    .version(VERSION, "-v, --version", "print the kclone version")
    .helpOption("-h, --help", "show help")
    .showHelpAfterError()
    .addCommand(
      new Command("demo")
        .description("a narrated walk through what kclone does, on a temporary database")
        .action(() => runDemo()),
    );
}

if (import.meta.main) {
  const program = buildCli();
  program.exitOverride((error) => Deno.exit(error.exitCode));
  await program.parseAsync(Deno.args, { from: "user" });
  if (Deno.args.length === 0) program.outputHelp();
}
