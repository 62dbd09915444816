/**
 * The fish completion script, generated from the completion tree: one `complete` line per
 * command and per option, conditioned on the subcommands already typed.
 *
 * @module
 */
import { commandPaths, type CompletionCommand } from "./completion_tree.ts";

const quote = (text: string): string => `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;

/** The fish condition that holds once the words of `path` (or their aliases) were typed. */
function seen(path: CompletionCommand[]): string[] {
  return path.map((c) => `__fish_seen_subcommand_from ${[c.name, ...c.aliases].join(" ")}`);
}

/**
 * The fish completion script for the program `root`.
 *
 * @example
 * ```ts
 * import { fishCompletion } from "./completion_fish.ts";
 * const apply = { name: "apply", aliases: [], description: "apply", options: [], commands: [] };
 * const root = { name: "kclone", aliases: [], description: "", options: [], commands: [apply] };
 * fishCompletion(root).includes("-a apply"); // true
 * ```
 */
export function fishCompletion(root: CompletionCommand): string {
  const lines = [
    "# fish completion for kclone",
    "# Load it with: kclone completion fish | source",
    "complete -c kclone -f",
  ];
  const byPath = new Map<string, CompletionCommand>();
  for (const { path, command } of commandPaths(root)) {
    byPath.set(path.join(" "), command);
    const chain = path.map((_, i) => byPath.get(path.slice(0, i + 1).join(" "))!);
    const children = command.commands.flatMap((c) => [c.name, ...c.aliases]);
    const here = [
      ...(path.length === 0 ? ["__fish_use_subcommand"] : seen(chain)),
      ...(path.length > 0 && children.length > 0
        ? [`not __fish_seen_subcommand_from ${children.join(" ")}`]
        : []),
    ].join("; and ");
    for (const child of command.commands) {
      lines.push(
        `complete -c kclone -n ${quote(here)} -a ${child.name} -d ${quote(child.description)}`,
      );
    }
    const where = path.length === 0 ? "" : ` -n ${quote(seen(chain).join("; and "))}`;
    for (const option of command.options) {
      const flags = option.flags.map((f) =>
        f.startsWith("--") ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`
      );
      const value = option.takesValue ? " -r" : "";
      lines.push(
        `complete -c kclone${where} ${flags.join(" ")}${value} -d ${quote(option.description)}`,
      );
    }
  }
  return [...lines, ""].join("\n");
}
