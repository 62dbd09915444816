import { CommanderError } from "@commander-js/extra-typings";
import { commonErrorLine } from "./error_line.ts";
import { type Output, processOutput } from "./output.ts";

/**
 * The exit code of a program whose command failed with `error`: commander's own code for its
 * errors (it has printed them), 1 for a user mistake after printing its one line (no stack
 * trace). A bug (no line from `lineOf`) is thrown again, to end with its stack trace.
 */
export function failureExitCode(
  error: unknown,
  lineOf: (error: unknown) => string | undefined = commonErrorLine,
  output: Output = processOutput(),
): number {
  if (error instanceof CommanderError) return error.exitCode;
  const line = lineOf(error);
  if (line === undefined) throw error;
  output.err(line);
  return 1;
}
