import assert from "node:assert/strict";
import {
  ContainerLogWriter,
  ContainerOutputTail,
  type ContainerOutputTailOptions,
  readContainerLog,
  readOutputOffsets,
} from "../../../lib/agent/runtime/mod.ts";
import { scratch } from "./_helpers.ts";

const encoder = new TextEncoder();

/** A tail that never polls by itself (a long period): the test calls read(). */
async function setUp(dir: string, options: ContainerOutputTailOptions = {}) {
  const paths = { stdout: `${dir}/app.stdout`, stderr: `${dir}/app.stderr` };
  for (const path of Object.values(paths)) await Deno.writeFile(path, new Uint8Array());
  const log = new ContainerLogWriter(`${dir}/log`, 0);
  const tail = new ContainerOutputTail(paths, log, `${dir}/app.offsets`, {
    pollMs: 3_600_000,
    ...options,
  });
  const append = (stream: "stdout" | "stderr", text: string) =>
    Deno.writeFileSync(paths[stream], encoder.encode(text), { append: true });
  const lines = async () => await Array.fromAsync(readContainerLog(`${dir}/log`));
  return { paths, log, tail, append, lines };
}

Deno.test("ContainerOutputTail reads what a process appended to its output files into the CRI log", async () => {
  await using tmp = await scratch();
  const { log, tail, append, lines } = await setUp(tmp.dir);
  append("stdout", "one\ntw");
  append("stderr", "oops\n");
  tail.read();
  append("stdout", "o\nthree\n");
  tail.read();
  await tail.finish();
  log.close();
  assert.deepEqual((await lines()).sort(), ["one", "oops", "three", "two"]);
  const raw = await Deno.readTextFile(`${tmp.dir}/log/0.log`);
  assert.match(raw, /^\S+ stderr F oops$/m);
});

Deno.test("ContainerOutputTail saves how far it read, and a new tail from there reads only the rest", async () => {
  await using tmp = await scratch();
  const first = await setUp(tmp.dir);
  first.append("stdout", "before\n");
  first.tail.read();
  assert.deepEqual(readOutputOffsets(`${tmp.dir}/app.offsets`), { stdout: 7, stderr: 0 });
  // The agent goes (its tail stops, leaving the files); the process writes on.
  await first.tail.close();
  first.log.close();
  first.append("stdout", "while the agent was away\n");
  const log = new ContainerLogWriter(`${tmp.dir}/log`, 0);
  const second = new ContainerOutputTail(first.paths, log, `${tmp.dir}/app.offsets`, {
    pollMs: 3_600_000,
    from: readOutputOffsets(`${tmp.dir}/app.offsets`),
  });
  second.read();
  await second.finish();
  log.close();
  assert.deepEqual(await first.lines(), ["before", "while the agent was away"]);
  await assert.rejects(Deno.stat(`${tmp.dir}/app.offsets`), Deno.errors.NotFound);
  await assert.rejects(Deno.stat(first.paths.stdout), Deno.errors.NotFound);
});

Deno.test("ContainerOutputTail empties a file read to its end past the size limit, and reads on", async () => {
  await using tmp = await scratch();
  const { paths, log, tail, append, lines } = await setUp(tmp.dir, { truncateBytes: 10 });
  append("stdout", "0123456789abc\n");
  tail.read();
  assert.equal((await Deno.stat(paths.stdout)).size, 0);
  append("stdout", "after\n");
  tail.read();
  await tail.finish();
  log.close();
  assert.deepEqual(await lines(), ["0123456789abc", "after"]);
});

Deno.test("readOutputOffsets() of a missing or torn file starts from the beginning", async () => {
  await using tmp = await scratch();
  assert.deepEqual(readOutputOffsets(`${tmp.dir}/none`), { stdout: 0, stderr: 0 });
  await Deno.writeTextFile(`${tmp.dir}/torn`, '{"stdout": 12, "std');
  assert.deepEqual(readOutputOffsets(`${tmp.dir}/torn`), { stdout: 0, stderr: 0 });
});

Deno.test("ContainerOutputTail reads at most readBytesPerPoll of a stream per poll, so a fast writer cannot hold the agent", async () => {
  await using tmp = await scratch();
  const { tail, log, append, lines } = await setUp(tmp.dir, { readBytesPerPoll: 8 });
  append("stdout", "aaaaaaa\nbbbbbbb\nccccccc\n");
  tail.read();
  assert.deepEqual(readOutputOffsets(`${tmp.dir}/app.offsets`), { stdout: 8, stderr: 0 });
  tail.read();
  assert.deepEqual(readOutputOffsets(`${tmp.dir}/app.offsets`), { stdout: 16, stderr: 0 });
  await tail.finish();
  log.close();
  assert.deepEqual(await lines(), ["aaaaaaa", "bbbbbbb", "ccccccc"]);
});

Deno.test("ContainerOutputTail drops a backlog past backlogBytes but its newest part, and says so in the log", async () => {
  await using tmp = await scratch();
  const { tail, log, append, lines } = await setUp(tmp.dir, { backlogBytes: 16 });
  append("stdout", "0123456789abcdefghij0123456789\n");
  tail.read();
  append("stdout", "after\n");
  await tail.finish();
  log.close();
  assert.deepEqual(await lines(), [
    "[kclone: 15 bytes of output dropped: the container writes faster than its log is read]",
    "fghij0123456789",
    "after",
  ]);
});

Deno.test("ContainerOutputTail reads the rest of a big output a poll's worth at a time, letting other work run", async () => {
  await using tmp = await scratch();
  const { tail, log, append, lines } = await setUp(tmp.dir, { readBytesPerPoll: 8 });
  append("stdout", "aaaaaaa\nbbbbbbb\nccccccc\nddddddd\n");
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  await tail.finish();
  clearInterval(timer);
  log.close();
  assert.deepEqual(await lines(), ["aaaaaaa", "bbbbbbb", "ccccccc", "ddddddd"]);
  assert.ok(ticks >= 1, "the event loop ran between reads");
});

Deno.test("ContainerOutputTail saves offsets before a line not yet ended, so a restarted agent logs it whole", async () => {
  await using tmp = await scratch();
  const paths = { stdout: `${tmp.dir}/app.stdout`, stderr: `${tmp.dir}/app.stderr` };
  const offsets = `${tmp.dir}/app.offsets`;
  const append = (text: string) =>
    Deno.writeFileSync(paths.stdout, encoder.encode(text), { append: true });
  // The first agent's log goes elsewhere: what it held when it died must not count.
  const dying = new ContainerLogWriter(`${tmp.dir}/dead`, 0);
  const first = new ContainerOutputTail(paths, dying, offsets, { pollMs: 3_600_000 });
  append("done\nhello ");
  first.read();
  assert.deepEqual(readOutputOffsets(offsets), { stdout: 5, stderr: 0 });
  await first.close();
  dying.close();
  append("world\n");
  const log = new ContainerLogWriter(`${tmp.dir}/log`, 0);
  const second = new ContainerOutputTail(paths, log, offsets, {
    pollMs: 3_600_000,
    from: readOutputOffsets(offsets),
  });
  await second.finish();
  log.close();
  assert.deepEqual(await Array.fromAsync(readContainerLog(`${tmp.dir}/log`)), ["hello world"]);
});
