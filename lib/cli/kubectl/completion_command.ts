/**
 * `kclone completion bash|zsh|fish`: prints a completion script for the shell, generated from
 * the program's own commands and options.
 *
 * @module
 */
import type { Command } from "@commander-js/extra-typings";
import { UsageError } from "../context.ts";
import { fishCompletion } from "./completion_fish.ts";
import { posixCompletion } from "./completion_posix.ts";
import { type CommandLike, completionTree } from "./completion_tree.ts";

/** The shells `completion` writes scripts for. */
export const COMPLETION_SHELLS: readonly string[] = ["bash", "zsh", "fish"];

/**
 * The completion script of `shell` for `program`; UsageError worded as kubectl's for a shell it
 * does not know.
 *
 * @example
 * ```ts
 * import { Command } from "commander";
 * import { completionScript } from "./completion_command.ts";
 * const program = new Command("kclone");
 * program.command("apply");
 * completionScript("fish", program).includes("-a apply"); // true
 * ```
 */
export function completionScript(shell: string, program: CommandLike): string {
  const tree = completionTree(program);
  if (shell === "bash" || shell === "zsh") return posixCompletion(shell, tree);
  if (shell === "fish") return fishCompletion(tree);
  throw new UsageError(`Unsupported shell type ${JSON.stringify(shell)}.`);
}

/** Registers `completion`. */
export function registerCompletion(program: Command): void {
  program.command("completion")
    .description("print a shell completion script (bash, zsh or fish)")
    .argument("[shell]", COMPLETION_SHELLS.join(", "))
    .exitOverride()
    .action((shell, _options, command) => {
      if (shell === undefined) return command.error("error: Shell not specified.");
      Deno.stdout.writeSync(new TextEncoder().encode(completionScript(shell, program)));
    });
}
