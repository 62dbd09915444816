/** Helpers of the runtime tests: scratch folders, polling with a deadline, process checks. */
import assert from "node:assert/strict";

/** A scratch folder, removed by the returned cleanup. */
export async function scratch(): Promise<{ dir: string; [Symbol.asyncDispose](): Promise<void> }> {
  const dir = await Deno.makeTempDir({ prefix: "kclone-runtime-" });
  return { dir, [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }) };
}

/** Polls `check` until it is true, failing after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether `kill -0 <pid>` succeeds. */
export async function processExists(pid: number): Promise<boolean> {
  const { code } = await new Deno.Command("sh", {
    args: ["-c", `kill -0 ${pid} 2>/dev/null`],
  }).output();
  return code === 0;
}

/** Asserts that none of the pids is still a process (`kill -0` fails for each). */
export async function assertAllGone(pids: Iterable<number>): Promise<void> {
  for (const pid of pids) {
    assert.equal(await processExists(pid), false, `process ${pid} left behind`);
  }
}

/** Pids of the processes in a session (a container's processes). */
export function sessionPids(sid: number): number[] {
  const pids: number[] = [];
  for (const entry of Deno.readDirSync("/proc")) {
    const pid = Number(entry.name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[3]) === sid) pids.push(pid);
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Runs the fake agent until it has started its containers, then kills it with SIGKILL. */
export async function agentKilledOutright(
  root: string,
  uids: string[],
): Promise<Record<string, number>> {
  const agent = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./_fake_agent.ts", import.meta.url).pathname, root, ...uids],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = agent.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  agent.kill("SIGKILL");
  await agent.status;
  await reader.cancel();
  return JSON.parse(text);
}
