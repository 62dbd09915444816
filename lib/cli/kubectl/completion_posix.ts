/**
 * Completion scripts for bash and zsh, generated from the completion tree: a case table of
 * the words each command path offers, which words name subcommands, and which options take a
 * value (so that `--db x.db apply` still finds `apply`).
 *
 * @module
 */
import { commandPaths, type CompletionCommand } from "./completion_tree.ts";

/** The shells completionScript writes for here. */
export type PosixShell = "bash" | "zsh";

const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

function tables(root: CompletionCommand): string[] {
  const paths = commandPaths(root);
  const key = (path: string[]) => quote(path.map((p) => `/${p}`).join(""));
  const globalValues = root.options.filter((o) => o.takesValue).flatMap((o) => o.flags);
  const lines = ["_kclone_words() {", '  case "$1" in'];
  for (const { path, command } of paths) {
    const words = [
      ...command.commands.map((c) => c.name),
      ...(path.length === 0 ? ["help"] : []),
      ...command.options.flatMap((o) => o.flags),
    ];
    lines.push(`    ${key(path)}) printf '%s\\n' ${quote(words.join(" "))} ;;`);
  }
  lines.push("  esac", "}", "_kclone_value_options() {", '  case "$1" in');
  for (const { path, command } of paths) {
    const values = [...command.options.filter((o) => o.takesValue).flatMap((o) => o.flags)];
    if (path.length > 0) values.push(...globalValues);
    lines.push(`    ${key(path)}) printf '%s\\n' ${quote(values.join(" "))} ;;`);
  }
  lines.push("  esac", "}", "_kclone_resolve() {", '  case "$1 $2" in');
  for (const { path, command } of paths) {
    for (const child of command.commands) {
      const cases = [child.name, ...child.aliases].map((n) =>
        quote(`${key(path).slice(1, -1)} ${n}`)
      );
      lines.push(`    ${cases.join("|")}) printf '%s\\n' ${quote(child.name)} ;;`);
    }
  }
  lines.push("  esac", "}");
  return lines;
}

/** Finds the command path typed so far; `$1` is the index of the first word after `kclone`. */
const WALK = [
  "_kclone_path() {",
  '  local cmdpath="" word next i="$1" last="$2"',
  "  shift 2",
  '  local -a typed=("$@")',
  "  while ((i < last)); do",
  '    word="${typed[i]}"',
  '    case "$word" in',
  "      -*=*) ;;",
  '      -*) [[ " $(_kclone_value_options "$cmdpath") " == *" $word "* ]] && ((i++)) ;;',
  '      *) next="$(_kclone_resolve "$cmdpath" "$word")"; [[ -n "$next" ]] && cmdpath="$cmdpath/$next" ;;',
  "    esac",
  "    ((i++))",
  "  done",
  '  printf "%s\\n" "$cmdpath"',
  "}",
];

/**
 * The completion script of `shell` for the program `root`.
 *
 * @example
 * ```ts
 * import { posixCompletion } from "./completion_posix.ts";
 * const root = { name: "kclone", aliases: [], description: "", options: [], commands: [] };
 * posixCompletion("bash", root).includes("complete -F _kclone kclone"); // true
 * ```
 */
export function posixCompletion(shell: PosixShell, root: CompletionCommand): string {
  const main = shell === "bash"
    ? [
      "_kclone() {",
      '  local cur="${COMP_WORDS[COMP_CWORD]}"',
      '  local cmdpath="$(_kclone_path 1 "$COMP_CWORD" "${COMP_WORDS[@]}")"',
      '  COMPREPLY=($(compgen -W "$(_kclone_words "$cmdpath")" -- "$cur"))',
      "}",
      "complete -F _kclone kclone",
    ]
    : [
      "_kclone() {",
      '  local cmdpath="$(_kclone_path 2 "$CURRENT" "${words[@]}")"',
      '  compadd -- ${=$(_kclone_words "$cmdpath")}',
      "}",
      "compdef _kclone kclone",
    ];
  const header = shell === "bash"
    ? ["# bash completion for kclone", "# Load it with: source <(kclone completion bash)"]
    : [
      "#compdef kclone",
      "# zsh completion for kclone",
      "# Load it with: source <(kclone completion zsh)",
    ];
  return [...header, ...tables(root), ...WALK, ...main, ""].join("\n");
}
