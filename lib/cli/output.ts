/** Where a command prints: stdout and stderr, and whether colour is wanted on each. */
export interface Output {
  /** Prints a line on stdout. */
  out(line?: string): void;
  /** Prints a line on stderr. */
  err(line?: string): void;
  /** True when stdout is a terminal and colour is allowed (no --no-color, no NO_COLOR). */
  color: boolean;
  /** True when stdout is a terminal. */
  isTerminal: boolean;
  /** True when stderr is a terminal (for progress bars). */
  stderrIsTerminal: boolean;
}

/** The real output of the process. */
export function processOutput(options: { color?: boolean } = {}): Output {
  const isTerminal = Deno.stdout.isTerminal();
  const noColor = (Deno.env.get("NO_COLOR") ?? "") !== "";
  return {
    out: (line = "") => console.log(line),
    err: (line = "") => console.error(line),
    isTerminal,
    stderrIsTerminal: Deno.stderr.isTerminal(),
    color: isTerminal && !noColor && options.color !== false,
  };
}
