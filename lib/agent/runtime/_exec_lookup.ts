import { joinPath } from "./_path.ts";

/** The executable a command name resolves to, or Go's exec error text, as runc reports it. */
export function lookPath(name: string, path: string): { path: string } | { error: string } {
  if (name.includes("/")) {
    const problem = notExecutable(name);
    return problem ? { error: `exec: "${name}": ${problem}` } : { path: name };
  }
  for (const dir of path.split(":")) {
    const candidate = joinPath(dir === "" ? "." : dir, name);
    if (!notExecutable(candidate)) return { path: candidate };
  }
  return { error: `exec: "${name}": executable file not found in $PATH` };
}

/** Why a path cannot be executed, in Go's words; undefined when it can. */
function notExecutable(file: string): string | undefined {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(file);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return `stat ${file}: no such file or directory`;
    if (error instanceof Deno.errors.PermissionDenied) return `stat ${file}: permission denied`;
    throw error;
  }
  if (info.isDirectory || ((info.mode ?? 0) & 0o111) === 0) return "permission denied";
  return undefined;
}

/**
 * Why the kernel would refuse to execute `file` that lookPath() found, in Go's words: a script
 * whose `#!` interpreter is missing (no such file or directory) or a file that is neither a
 * program nor a script (exec format error). Checked before a container starts, because its
 * launcher's `exec` would fail after the container had, in effect, started.
 */
export function execFormatProblem(file: string): string | undefined {
  let head: Uint8Array;
  try {
    using handle = Deno.openSync(file, { read: true });
    head = new Uint8Array(256);
    head = head.subarray(0, handle.readSync(head) ?? 0);
  } catch {
    return undefined; // unreadable but executable: let exec decide
  }
  if (head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) {
    return undefined;
  }
  if (head[0] !== 0x23 || head[1] !== 0x21) return "exec format error";
  // Only spaces and tabs separate: the kernel takes a \r (a CRLF script) as part of the name.
  const line = new TextDecoder().decode(head.subarray(2)).split("\n")[0];
  const interpreter = line.replace(/^[ \t]+/, "").split(/[ \t]/)[0];
  if (!interpreter || notExecutable(interpreter)) return "no such file or directory";
  return undefined;
}
