/**
 * What every kubectl-style command shares: opening the cluster, printing, and ending with exit
 * code 1 after errors it has already printed. Private to lib/cli/kubectl.
 *
 * @module
 */
import { CommanderError } from "@commander-js/extra-typings";
import type { Cluster } from "../../cluster/cluster.ts";
import {
  errorLine,
  type GlobalOptions,
  type Output,
  processOutput,
  withCluster,
} from "../context.ts";

/** Reads the global options at run time. */
export type Globals = () => GlobalOptions;

/** Opens the cluster of the global options and runs `work` with it and the process output. */
export function run(
  globals: Globals,
  work: (cluster: Cluster, out: Output, options: GlobalOptions) => Promise<void>,
): Promise<void> {
  const options = globals();
  const out = processOutput({ color: options.color });
  return withCluster(options, (cluster) => work(cluster, out, options));
}

/** Ends the command with exit code 1 and nothing more to print. */
export function failed(): never {
  throw new CommanderError(1, "kclone.failed", "");
}

/**
 * Errors met while a command went on with the rest of its objects, as kubectl's ContinueOnError
 * collects them: printed at the end, one line each, then exit 1.
 */
export class ErrorList {
  readonly #lines: string[] = [];

  /** Adds an error: its kubectl line, or rethrows a bug. */
  add(error: unknown, prefix = ""): void {
    const line = errorLine(error);
    if (line === undefined) throw error;
    this.#lines.push(prefix ? withPrefix(line, prefix) : line);
  }

  /** Adds a line as it is. */
  addLine(line: string): void {
    this.#lines.push(line);
  }

  /** Prints the errors and fails when there are any. */
  finish(out: Output): void {
    if (this.#lines.length === 0) return;
    for (const line of this.#lines) out.err(line);
    failed();
  }
}

/** `Error from server (X): <prefix>msg`, as kubectl adds `error when creating "f.yaml": `. */
function withPrefix(line: string, prefix: string): string {
  const match = /^(Error from server \([A-Za-z]+\): |error: )/.exec(line);
  return match ? `${match[1]}${prefix}${line.slice(match[1].length)}` : `${prefix}${line}`;
}

/**
 * The value of a kubectl boolean flag that commander reads as `[bool]` (`--watch`,
 * `--watch=false`; true when absent). commander gives such a flag the next argument when no `=` is used
 * (`-w deployment/web`); a value that is not a boolean goes back to the front of `args`.
 */
export function boolFlag(
  value: string | boolean | undefined,
  args: string[],
): boolean {
  if (value === undefined) return true;
  if (typeof value === "boolean") return value;
  if (/^(1|t|T|TRUE|true|True)$/.test(value)) return true;
  if (/^(0|f|F|FALSE|false|False)$/.test(value)) return false;
  args.unshift(value);
  return true;
}
