import assert from "node:assert/strict";
import {
  containerLogDir,
  ContainerLogNotFoundError,
  ContainerLogWriter,
  readContainerLog,
  startContainer,
} from "../../../lib/agent/runtime/mod.ts";
import { assertAllGone, scratch, waitFor } from "./_helpers.ts";

const text = new TextEncoder();
const t0 = Date.UTC(2026, 0, 1, 12, 0, 0, 500);

Deno.test("containerLogDir() follows the kubelet's layout", () => {
  assert.equal(
    containerLogDir("/var/log/pods", { namespace: "default", name: "web", uid: "u1" }, "app"),
    "/var/log/pods/default_web_u1/app",
  );
});

Deno.test("ContainerLogWriter writes CRI lines, splitting chunks at newlines only", async () => {
  await using tmp = await scratch();
  const log = new ContainerLogWriter(tmp.dir, 0, { now: () => t0 });
  log.write("stdout", text.encode("hel"));
  log.write("stderr", text.encode("warn\n"));
  log.write("stdout", text.encode("lo\nwor"));
  log.write("stdout", text.encode("ld"));
  log.close();
  assert.equal(
    await Deno.readTextFile(`${tmp.dir}/0.log`),
    "2026-01-01T12:00:00.5Z stderr F warn\n" +
      "2026-01-01T12:00:00.5Z stdout F hello\n" +
      "2026-01-01T12:00:00.5Z stdout F world\n",
  );
  assert.deepEqual(await Array.fromAsync(readContainerLog(tmp.dir)), ["warn", "hello", "world"]);
  assert.deepEqual(await Array.fromAsync(readContainerLog(tmp.dir, { timestamps: true })), [
    "2026-01-01T12:00:00.5Z warn",
    "2026-01-01T12:00:00.5Z hello",
    "2026-01-01T12:00:00.5Z world",
  ]);
});

Deno.test("ContainerLogWriter writes a long line as partial entries the reader joins", async () => {
  await using tmp = await scratch();
  const log = new ContainerLogWriter(tmp.dir, 0, { now: () => t0, maxLineBytes: 4 });
  log.write("stdout", text.encode("abcdefghij\nxy\n"));
  log.close();
  assert.equal(
    await Deno.readTextFile(`${tmp.dir}/0.log`),
    "2026-01-01T12:00:00.5Z stdout P abcd\n" +
      "2026-01-01T12:00:00.5Z stdout P efgh\n" +
      "2026-01-01T12:00:00.5Z stdout F ij\n" +
      "2026-01-01T12:00:00.5Z stdout F xy\n",
  );
  assert.deepEqual(await Array.fromAsync(readContainerLog(tmp.dir)), ["abcdefghij", "xy"]);
});

/** Writes lines "line 1" ... "line n"; each CRI entry is 37 bytes. */
function writeLines(log: ContainerLogWriter, from: number, to: number): void {
  for (let i = from; i <= to; i++) log.write("stdout", text.encode(`line ${i}\n`));
}

Deno.test("ContainerLogWriter rotates by size and keeps maxFiles files", async () => {
  await using tmp = await scratch();
  // "2026-01-01T12:00:00.5Z stdout F line 1\n" is 39 bytes: two entries fit in 80
  const log = new ContainerLogWriter(tmp.dir, 0, { now: () => t0, maxSizeBytes: 80, maxFiles: 3 });
  writeLines(log, 1, 9);
  log.close();
  const names = [...Deno.readDirSync(tmp.dir)].map((e) => e.name).sort();
  assert.deepEqual(names, ["0.log", "0.log.1", "0.log.2"]);
  // lines 1-4 were rotated away; 5-6, 7-8 and 9 remain
  assert.deepEqual(await Array.fromAsync(readContainerLog(tmp.dir)), [
    "line 5",
    "line 6",
    "line 7",
    "line 8",
    "line 9",
  ]);
  assert.deepEqual(await Array.fromAsync(readContainerLog(tmp.dir, { tail: 3 })), [
    "line 7",
    "line 8",
    "line 9",
  ]);
  assert.deepEqual(await Array.fromAsync(readContainerLog(tmp.dir, { tail: 0 })), []);
  assert.deepEqual((await Array.fromAsync(readContainerLog(tmp.dir, { tail: 50 }))).length, 5);
});

Deno.test("readContainerLog() with previous reads the instance before a restart", async () => {
  await using tmp = await scratch();
  for (const restart of [0, 1, 2]) {
    const log = new ContainerLogWriter(tmp.dir, restart, { now: () => t0 });
    log.write("stdout", text.encode(`instance ${restart}\n`));
    log.close();
  }
  // instance 0 is removed once instance 2 starts; 1 stays for --previous
  assert.deepEqual([...Deno.readDirSync(tmp.dir)].map((e) => e.name).sort(), ["1.log", "2.log"]);
  assert.deepEqual(await Array.fromAsync(readContainerLog(tmp.dir)), ["instance 2"]);
  assert.deepEqual(await Array.fromAsync(readContainerLog(tmp.dir, { previous: true })), [
    "instance 1",
  ]);
});

Deno.test("readContainerLog() without a previous instance, or any log, says so", async () => {
  await using tmp = await scratch();
  await assert.rejects(
    Array.fromAsync(readContainerLog(`${tmp.dir}/none`)),
    ContainerLogNotFoundError,
  );
  new ContainerLogWriter(tmp.dir, 0).close();
  await assert.rejects(
    Array.fromAsync(readContainerLog(tmp.dir, { previous: true })),
    ContainerLogNotFoundError,
  );
});

Deno.test("readContainerLog() follows appended lines across a rotation until aborted", async () => {
  await using tmp = await scratch();
  const log = new ContainerLogWriter(tmp.dir, 0, { now: () => t0, maxSizeBytes: 80, maxFiles: 3 });
  writeLines(log, 1, 2);
  const abort = new AbortController();
  const seen: string[] = [];
  const reading = (async () => {
    for await (
      const line of readContainerLog(tmp.dir, { follow: true, signal: abort.signal, pollMs: 10 })
    ) {
      seen.push(line);
    }
  })();
  await waitFor("the existing lines", () => seen.length === 2);
  writeLines(log, 3, 3); // rotates: lines 1-2 move to 0.log.1
  await waitFor("line 3", () => seen.length === 3);
  writeLines(log, 4, 6);
  await waitFor("line 6", () => seen.length === 6);
  abort.abort();
  await reading;
  log.close();
  assert.deepEqual(seen, ["line 1", "line 2", "line 3", "line 4", "line 5", "line 6"]);
});

Deno.test("readContainerLog() follows a running container's output as it is written", async () => {
  await using tmp = await scratch();
  const c = await startContainer({
    podUid: "u1",
    namespace: "default",
    podName: "web",
    containerName: "app",
    argv: ["sh", "-c", "echo one; while [ ! -e go ]; do sleep 0.02; done; echo two"],
    env: {},
    root: tmp.dir,
    logDir: `${tmp.dir}/logs`,
  });
  const abort = new AbortController();
  const seen: string[] = [];
  const reading = (async () => {
    for await (
      const line of readContainerLog(c.logDir, { follow: true, signal: abort.signal, pollMs: 10 })
    ) {
      seen.push(line);
    }
  })();
  await waitFor("the first line", () => seen.length === 1);
  await Deno.writeTextFile(`${tmp.dir}/pods/u1/app/go`, ""); // in the container's working folder
  await waitFor("the second line, written after the follow began", () => seen.length === 2);
  assert.equal((await c.exited).exitCode, 0);
  abort.abort();
  await reading;
  assert.deepEqual(seen, ["one", "two"]);
  await assertAllGone([c.pid]);
});
