/**
 * How a container process is launched so that it writes its own output: `/bin/sh`, started with
 * no environment, opens the two files (appending) for itself and replaces itself (`exec`, the
 * same pid) with `env -i -- NAME=VALUE... program args`, which replaces itself with the program.
 * No shell stays, and the environment is exactly the container's: sh would drop names it cannot
 * hold (`my.var`) and reset some it owns (IFS, OPTIND, PPID, PWD), so the variables travel as
 * env's arguments (visible in /proc for the instant before env execs the program).
 *
 * @module
 */

/** A command line for Deno.Command. */
export interface Launch {
  /** The program to spawn. */
  command: string;
  /** Its arguments. */
  args: string[];
  /** Its environment (the whole of it: none). */
  env: Record<string, string>;
}

const SCRIPT = 'exec 1>>"$1" 2>>"$2"; shift 2; exec "$@"';

/**
 * The launch of `program` with `args` and `env`, its stdout and stderr appended to the files;
 * `program` must not contain `=` (env would take it for a variable).
 */
export function launchCommand(
  output: { stdout: string; stderr: string },
  program: string,
  args: string[],
  env: Record<string, string>,
): Launch {
  const variables = Object.entries(env).map(([name, value]) => `${name}=${value}`);
  return {
    command: "/bin/sh",
    args: [
      "-c",
      SCRIPT,
      "kclone-exec",
      output.stdout,
      output.stderr,
      "/usr/bin/env",
      "-i",
      "--",
      ...variables,
      program,
      ...args,
    ],
    env: {},
  };
}
