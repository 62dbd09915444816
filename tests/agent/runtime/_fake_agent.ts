/**
 * A stand-in for an agent, for the leftover-process tests: starts one `sleep` container per
 * pod uid given, prints their pids as JSON, then waits to be killed.
 * Usage: deno run -A _fake_agent.ts <root> <uid>...
 */
import { startContainer } from "../../../lib/agent/runtime/mod.ts";

const [root, ...uids] = Deno.args;
const pids: Record<string, number> = {};
for (const uid of uids) {
  const c = await startContainer({
    podUid: uid,
    namespace: "default",
    podName: `pod-${uid}`,
    containerName: "app",
    argv: ["sleep", "60"],
    env: {},
    root,
    logDir: `${root}/logs`,
  });
  pids[uid] = c.pid;
}
console.log(JSON.stringify(pids));
await new Promise(() => {});
