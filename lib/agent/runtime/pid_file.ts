import { joinPath } from "./_path.ts";
import { killGroup, procStartTime } from "./_proc.ts";

/** What the agent records for each container process it starts. */
export interface PidFile {
  /** The process id (also its process group and session id). */
  pid: number;
  /** The process's start time in clock ticks since boot (/proc/<pid>/stat), so a reused pid is not mistaken for it. */
  startTime: number;
  /** The pod's uid. */
  podUid: string;
  /** The pod's namespace. */
  namespace: string;
  /** The pod's name. */
  pod: string;
  /** The container's name. */
  container: string;
  /** Which instance of the container it is (its restartCount; its log is `<n>.log`). */
  restartCount: number;
  /** Clock time (ms) of its start. */
  startedAt: number;
}

/** A pid file found on disk. */
export interface LeftoverContainer {
  /** Where the pid file is. */
  path: string;
  /** Its content. */
  record: PidFile;
  /** Whether the process it names still runs (same pid and same start time). */
  alive: boolean;
}

/** `<root>/pods/<uid>/<container>.pid`. */
export function pidFilePath(root: string, podUid: string, container: string): string {
  return joinPath(root, "pods", podUid, `${container}.pid`);
}

/** Writes the pid file of a just-started process; false when the process is already gone. */
export function writePidFile(
  root: string,
  record: Omit<PidFile, "startTime">,
): PidFile | undefined {
  const startTime = procStartTime(record.pid);
  if (startTime === undefined) return undefined;
  const full: PidFile = { ...record, startTime };
  Deno.mkdirSync(joinPath(root, "pods", record.podUid), { recursive: true });
  Deno.writeTextFileSync(pidFilePath(root, record.podUid, record.container), JSON.stringify(full));
  return full;
}

/** Whether the process a pid file names still runs: the pid exists with the same start time. */
export function isSameProcess(record: Pick<PidFile, "pid" | "startTime">): boolean {
  return procStartTime(record.pid) === record.startTime;
}

/**
 * The pid files under `<root>/pods/`, for an agent that restarts: each with whether its process
 * still runs. Unreadable files are skipped.
 */
export async function findLeftoverContainers(root: string): Promise<LeftoverContainer[]> {
  const found: LeftoverContainer[] = [];
  const pods = joinPath(root, "pods");
  try {
    for await (const pod of Deno.readDir(pods)) {
      if (!pod.isDirectory) continue;
      for await (const entry of Deno.readDir(joinPath(pods, pod.name))) {
        if (!entry.isFile || !entry.name.endsWith(".pid")) continue;
        const path = joinPath(pods, pod.name, entry.name);
        try {
          const record = JSON.parse(await Deno.readTextFile(path)) as PidFile;
          found.push({ path, record, alive: isSameProcess(record) });
        } catch {
          // A torn write from an agent killed mid-write: nothing to reap by it.
        }
      }
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return found;
}

/** Knobs of reapLeftoverContainers(). */
export interface ReapOptions {
  /** How long to wait for a killed process to disappear (default 5 s). */
  timeoutMs?: number;
}

/**
 * Kills (SIGKILL to the whole process group) the leftover containers whose pod the agent no
 * longer runs (`isPodWanted(uid)` false), waits for them to be gone, and removes their pid files
 * and, once empty of pid files, their pod's folder. Pid files of processes already gone are
 * removed too. Returns the containers it reaped (killed or stale).
 */
export async function reapLeftoverContainers(
  root: string,
  isPodWanted: (podUid: string) => boolean,
  options: ReapOptions = {},
): Promise<LeftoverContainer[]> {
  const reaped: LeftoverContainer[] = [];
  for (const leftover of await findLeftoverContainers(root)) {
    if (leftover.alive && isPodWanted(leftover.record.podUid)) continue;
    if (leftover.alive) {
      killGroup(leftover.record.pid, "SIGKILL");
      await waitGone(leftover.record, options.timeoutMs ?? 5000);
    }
    await Deno.remove(leftover.path).catch(() => {});
    reaped.push(leftover);
  }
  for (const uid of new Set(reaped.map((r) => r.record.podUid))) {
    if (isPodWanted(uid)) continue;
    await Deno.remove(joinPath(root, "pods", uid), { recursive: true }).catch(() => {});
  }
  return reaped;
}

async function waitGone(record: PidFile, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isSameProcess(record)) {
    if (Date.now() > deadline) throw new Error(`process ${record.pid} did not exit after SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
