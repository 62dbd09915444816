/**
 * How a container process is launched so that it writes its own output: `/bin/sh` opens the two
 * files (appending) for itself, then replaces itself with the program (`exec`, the same pid). No
 * shell stays; the program's environment is the container's: names sh cannot keep (`my.var`) go
 * through `env NAME=VALUE`, and the PWD sh adds is taken out unless the pod sets one.
 *
 * @module
 */

/** A command line for Deno.Command. */
export interface Launch {
  /** The program to spawn. */
  command: string;
  /** Its arguments. */
  args: string[];
  /** Its environment (the whole of it). */
  env: Record<string, string>;
}

const SH_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The launch of `program` with `args` and `env`, its stdout and stderr appended to the files. */
export function launchCommand(
  output: { stdout: string; stderr: string },
  program: string,
  args: string[],
  env: Record<string, string>,
): Launch {
  const kept: Record<string, string> = {};
  const passed: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (SH_NAME.test(name)) kept[name] = value;
    else passed.push(`${name}=${value}`);
  }
  const unsetPwd = "PWD" in env ? "" : " unset PWD;";
  const script = `exec 1>>"$1" 2>>"$2"; shift 2;${unsetPwd} exec "$@"`;
  const argv = passed.length > 0
    ? ["/usr/bin/env", ...passed, program, ...args]
    : [program, ...args];
  return {
    command: "/bin/sh",
    args: ["-c", script, "kclone-exec", output.stdout, output.stderr, ...argv],
    env: kept,
  };
}
