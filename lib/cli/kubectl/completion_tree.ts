/**
 * The command line's shape for shell completion: commands, their aliases, subcommands and
 * options, read from a commander program. commander has no completion of its own.
 *
 * @module
 */

/** What completion needs of a commander option. */
export interface OptionLike {
  /** `--filename`. */
  long?: string;
  /** `-f`. */
  short?: string;
  /** True for `<value>`. */
  required: boolean;
  /** True for `[value]`. */
  optional: boolean;
  /** Hidden options are not completed. */
  hidden: boolean;
  /** Help text. */
  description: string;
}

/** What completion needs of a commander command. */
export interface CommandLike {
  /** The command's name. */
  name(): string;
  /** Its aliases. */
  aliases(): string[];
  /** Its help text. */
  description(): string;
  /** Its subcommands. */
  readonly commands: readonly CommandLike[];
  /** Its options (without the help option). */
  readonly options: readonly OptionLike[];
}

/** One option, for completion. */
export interface CompletionOption {
  /** Its flags, short first: `["-f", "--filename"]`. */
  flags: string[];
  /** True when a value follows the flag. */
  takesValue: boolean;
  /** Help text, one line. */
  description: string;
}

/** One command, for completion. */
export interface CompletionCommand {
  /** Its name. */
  name: string;
  /** Its aliases. */
  aliases: string[];
  /** Help text, one line. */
  description: string;
  /** Its options, with `-h, --help`. */
  options: CompletionOption[];
  /** Its subcommands. */
  commands: CompletionCommand[];
}

const oneLine = (text: string): string => text.split("\n")[0].trim();

/**
 * The completion tree of a command and everything below it.
 *
 * @example
 * ```ts
 * import { Command } from "commander";
 * import { completionTree } from "./completion_tree.ts";
 * const program = new Command("kclone");
 * program.command("apply").option("-f, --filename <path>");
 * completionTree(program).commands[0].options[0].flags; // ["-f", "--filename"]
 * ```
 */
export function completionTree(command: CommandLike): CompletionCommand {
  const options = command.options.filter((o) => !o.hidden).map((o) => ({
    flags: [o.short, o.long].filter((f): f is string => f !== undefined),
    takesValue: o.required,
    description: oneLine(o.description),
  }));
  options.push({ flags: ["-h", "--help"], takesValue: false, description: "show help" });
  return {
    name: command.name(),
    aliases: [...command.aliases()],
    description: oneLine(command.description()),
    options,
    commands: command.commands.map(completionTree),
  };
}

/** Every command below `root` with its path of names (`["rollout", "status"]`), parents first. */
export function commandPaths(
  root: CompletionCommand,
): { path: string[]; command: CompletionCommand }[] {
  const walk = (
    command: CompletionCommand,
    path: string[],
  ): { path: string[]; command: CompletionCommand }[] => [
    { path, command },
    ...command.commands.flatMap((child) => walk(child, [...path, child.name])),
  ];
  return walk(root, []);
}
