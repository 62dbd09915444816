import assert from "node:assert/strict";
import { runProbe } from "../../../lib/agent/probes/mod.ts";

const target = { podIP: "127.0.0.1" };

Deno.test("runProbe() tcpSocket succeeds against a listener", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepting = listener.accept().then((conn) => conn.close());
  try {
    const port = (listener.addr as Deno.NetAddr).port;
    assert.deepEqual(await runProbe({ tcpSocket: { port } }, target), {
      result: "Success",
      message: "",
    });
    await accepting;
  } finally {
    listener.close();
  }
});

Deno.test("runProbe() tcpSocket to a closed port says connection refused", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  assert.deepEqual(await runProbe({ tcpSocket: { port } }, target), {
    result: "Failure",
    message: `dial tcp 127.0.0.1:${port}: connect: connection refused`,
  });
});

Deno.test("runProbe() exec succeeds on exit 0 and fails on exit 1 with the output", async () => {
  const ok = await runProbe({ exec: { command: ["sh", "-c", "exit 0"] } }, target);
  assert.deepEqual(ok, { result: "Success", message: "" });
  const bad = await runProbe({ exec: { command: ["sh", "-c", "echo boom >&2; exit 1"] } }, target);
  assert.deepEqual(bad, { result: "Failure", message: "boom\n" });
});

Deno.test("runProbe() exec kills a command that outlives timeoutSeconds", async () => {
  const started = Date.now();
  const probe = { exec: { command: ["sh", "-c", "sleep 4.321; echo done"] }, timeoutSeconds: 1 };
  const result = await runProbe(probe, target);
  assert.deepEqual(result, {
    result: "Failure",
    message: 'command "sh -c sleep 4.321; echo done" timed out',
  });
  assert.ok(Date.now() - started < 3000, "the probe ends near its 1 s timeout");
  assert.equal(await processesRunning("4.321"), 0, "the sleep started by the command is gone");
});

Deno.test("runProbe() exec runs with the container's env and working directory", async () => {
  const dir = await Deno.realPath(await Deno.makeTempDir());
  try {
    const probe = { exec: { command: ["sh", "-c", "echo $GREETING; pwd"] } };
    const result = await runProbe(probe, { ...target, env: { GREETING: "hi" }, workingDir: dir });
    assert.deepEqual(result, { result: "Success", message: `hi\n${dir}\n` });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runProbe() exec keeps at most 10 KiB of output", async () => {
  const probe = { exec: { command: ["sh", "-c", "head -c 50000 /dev/zero | tr '\\0' x"] } };
  const result = await runProbe(probe, target);
  assert.equal(result.message.length, 10240);
});

Deno.test("runProbe() exec of a missing command fails with a clear message", async () => {
  const result = await runProbe({ exec: { command: ["kclone-no-such-command"] } }, target);
  assert.deepEqual(result, {
    result: "Failure",
    message: 'exec: "kclone-no-such-command": executable file not found in $PATH',
  });
});

/** How many processes have `needle` in their command line (read from /proc). */
async function processesRunning(needle: string): Promise<number> {
  let count = 0;
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const cmdline = await Deno.readTextFile(`/proc/${entry.name}/cmdline`);
      if (cmdline.includes(needle)) count++;
    } catch { /* gone meanwhile */ }
  }
  return count;
}
