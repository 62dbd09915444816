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
