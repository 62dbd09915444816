import { rssBytes, sessionMembers } from "./_proc.ts";

/** Knobs of watchMemory(). */
export interface MemoryWatchOptions {
  /** How often RSS is read (ms). */
  pollMs: number;
  /** How often the container's other processes are looked up (ms). */
  membersScanMs: number;
}

/**
 * Polls a container's memory (VmRSS of its leader plus the other processes of its session)
 * and calls `onOver` once when it exceeds `limitBytes`. Returns a function that stops it.
 */
export function watchMemory(
  pid: number,
  limitBytes: number,
  onOver: (rss: number) => void,
  options: MemoryWatchOptions,
): () => void {
  let members: number[] = [];
  let lastScan = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - lastScan >= options.membersScanMs) {
      members = sessionMembers(pid);
      lastScan = now;
    }
    const rss = members.reduce((sum, member) => sum + rssBytes(member), rssBytes(pid));
    if (rss > limitBytes) {
      clearInterval(timer);
      onOver(rss);
    }
  }, options.pollMs);
  return () => clearInterval(timer);
}
