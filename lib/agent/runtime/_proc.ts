/** Reading Linux /proc: process start times, states and memory. */

/** Fields of /proc/<pid>/stat after the command name: state is [0], ppid [1], ..., starttime [19]. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** The process's start time in clock ticks since boot; undefined when it is gone or a zombie. */
export function procStartTime(pid: number): number | undefined {
  const fields = statFields(pid);
  if (!fields || fields[0] === "Z" || fields[0] === "X") return undefined;
  return Number(fields[19]);
}

/** The resident memory of a process in bytes (VmRSS); 0 when it is gone. */
export function rssBytes(pid: number): number {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The pids of a session's processes (a container runs as its own session), leader excluded. */
export function sessionMembers(sid: number): number[] {
  const members: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid) || pid === sid) continue;
    const fields = statFields(pid);
    if (fields && Number(fields[3]) === sid) members.push(pid);
  }
  return members;
}

/** Sends a signal to a process group, ignoring one that is already gone. */
export function killGroup(pgid: number, signal: Deno.Signal): void {
  try {
    Deno.kill(-pgid, signal);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound) && !isEsrch(error)) throw error;
  }
}

/** Sends a signal to one process, ignoring one that is already gone. */
export function killProcess(pid: number, signal: Deno.Signal): void {
  try {
    Deno.kill(pid, signal);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound) && !isEsrch(error)) throw error;
  }
}

function isEsrch(error: unknown): boolean {
  return error instanceof Error && /ESRCH|No such process|os error 3\b/.test(error.message);
}
