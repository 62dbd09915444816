import assert from "node:assert/strict";
import {
  type ContainerProcessSpec,
  ContainerStartError,
  readContainerLog,
  type RunningContainer,
  startContainer,
} from "../../../lib/agent/runtime/mod.ts";
import { assertAllGone, scratch, sessionPids, waitFor } from "./_helpers.ts";

function spec(root: string, argv: string[], extra: Partial<ContainerProcessSpec> = {}) {
  return {
    podUid: "uid-1",
    namespace: "default",
    podName: "web",
    containerName: "app",
    argv,
    env: {},
    root,
    logDir: `${root}/logs`,
    ...extra,
  };
}

async function lines(container: RunningContainer): Promise<string[]> {
  return await Array.fromAsync(readContainerLog(container.logDir));
}

Deno.test("startContainer() runs a command, logs its output and reports exit 3 as Error", async () => {
  await using tmp = await scratch();
  const c = await startContainer(spec(tmp.dir, ["sh", "-c", "echo hi; echo oops >&2; exit 3"]));
  const exit = await c.exited;
  assert.equal(exit.exitCode, 3);
  assert.equal(exit.reason, "Error");
  assert.equal(exit.signal, undefined);
  assert.deepEqual((await lines(c)).sort(), ["hi", "oops"]);
  const raw = await Deno.readTextFile(`${c.logDir}/0.log`);
  assert.match(raw, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z stdout F hi$/m);
  assert.match(raw, /^\S+ stderr F oops$/m);
  await assertAllGone([c.pid]);
});

Deno.test("startContainer() reports exit 0 as Completed and removes the pid file", async () => {
  await using tmp = await scratch();
  const c = await startContainer(spec(tmp.dir, ["true"]));
  assert.deepEqual({ ...(await c.exited), startedAt: 0, finishedAt: 0 }, {
    exitCode: 0,
    reason: "Completed",
    startedAt: 0,
    finishedAt: 0,
  });
  await assert.rejects(Deno.stat(`${tmp.dir}/pods/uid-1/app.pid`), Deno.errors.NotFound);
  await assertAllGone([c.pid]);
});

Deno.test("startContainer() gives the process only its env plus the agent's PATH", async () => {
  await using tmp = await scratch();
  const c = await startContainer(
    spec(tmp.dir, ["sh", "-c", "env | sort; pwd"], {
      env: { GREETING: "hello" },
      agentPath: "/usr/local/bin:/usr/bin:/bin",
    }),
  );
  await c.exited;
  const out = await lines(c);
  // dash adds PWD itself; nothing of the test runner's environment leaks in
  assert.deepEqual(out.filter((l) => !l.startsWith("PWD=")), [
    "GREETING=hello",
    "PATH=/usr/local/bin:/usr/bin:/bin",
    `${tmp.dir}/pods/uid-1/app`,
  ]);
});

Deno.test("startContainer() lets the pod set PATH, and resolves the command in it", async () => {
  await using tmp = await scratch();
  await Deno.mkdir(`${tmp.dir}/bin`);
  await Deno.writeTextFile(`${tmp.dir}/bin/hello`, '#!/bin/sh\necho "from $PATH"\n', {
    mode: 0o755,
  });
  const c = await startContainer(
    spec(tmp.dir, ["hello"], { env: { PATH: `${tmp.dir}/bin:/bin` } }),
  );
  await c.exited;
  assert.deepEqual(await lines(c), [`from ${tmp.dir}/bin:/bin`]);
});

Deno.test("startContainer() rejects a missing executable with the runtime's message", async () => {
  await using tmp = await scratch();
  try {
    await startContainer(spec(tmp.dir, ["nope-not-a-command"]));
    assert.fail("started");
  } catch (e) {
    assert.ok(e instanceof ContainerStartError);
    assert.equal(e.message, 'exec: "nope-not-a-command": executable file not found in $PATH');
    assert.equal(e.reason, "RunContainerError");
    assert.equal(e.terminatedReason, "StartError");
    assert.equal(e.exitCode, 128);
  }
  await assert.rejects(
    startContainer(spec(tmp.dir, ["/no/such/file"])),
    (e: Error) =>
      e.message === 'exec: "/no/such/file": stat /no/such/file: no such file or directory',
  );
  await assert.rejects(
    startContainer(spec(tmp.dir, [tmp.dir])),
    (e: Error) => e.message === `exec: "${tmp.dir}": permission denied`,
  );
});

Deno.test("stop() sends SIGTERM and a process that exits on it is not killed", async () => {
  await using tmp = await scratch();
  const c = await startContainer(spec(tmp.dir, ["sleep", "30"]));
  const exit = await c.stop(5000);
  assert.equal(exit.exitCode, 143);
  assert.equal(exit.signal, 15);
  assert.equal(exit.reason, "Error");
  await assertAllGone([c.pid]);
});

Deno.test("stop() sends SIGKILL after the grace period to a process ignoring SIGTERM", async () => {
  await using tmp = await scratch();
  const c = await startContainer(
    spec(tmp.dir, [
      "sh",
      "-c",
      "trap 'echo got TERM' TERM; echo ready; while :; do sleep 0.05; done",
    ]),
  );
  await waitFor("the trap to be set", async () => (await lines(c)).includes("ready"));
  const pids = sessionPids(c.pid);
  const started = Date.now();
  const exit = await c.stop(300);
  assert.ok(Date.now() - started >= 290, "waited the grace period");
  assert.equal(exit.exitCode, 137);
  assert.equal(exit.signal, 9);
  assert.ok((await lines(c)).includes("got TERM"));
  await assertAllGone([c.pid, ...pids]);
});

Deno.test("startContainer() kills what the main process left running when it exits", async () => {
  await using tmp = await scratch();
  const c = await startContainer(spec(tmp.dir, ["sh", "-c", "sleep 30 & echo $!"]));
  const exit = await c.exited;
  assert.equal(exit.exitCode, 0);
  const [child] = (await lines(c)).map(Number);
  await waitFor("the background sleep to be reaped", async () => {
    const { code } = await new Deno.Command("sh", { args: ["-c", `kill -0 ${child}`] }).output();
    return code !== 0;
  });
  await assertAllGone([c.pid, child]);
});

Deno.test("startContainer() OOMKills a process over its memory limit with exit code 137", async () => {
  await using tmp = await scratch();
  const hog = "a = []\nwhile True:\n    a.append(bytearray(8 * 1024 * 1024))\n";
  const c = await startContainer(
    spec(tmp.dir, ["python3", "-c", hog], { memoryLimitBytes: 50 * 1024 * 1024, memoryPollMs: 20 }),
  );
  const exit = await c.exited;
  assert.equal(exit.reason, "OOMKilled");
  assert.equal(exit.exitCode, 137);
  await assertAllGone([c.pid]);
});

Deno.test("startContainer() leaves a process under its memory limit alone", async () => {
  await using tmp = await scratch();
  const c = await startContainer(
    spec(tmp.dir, ["sh", "-c", "echo small"], {
      memoryLimitBytes: 50 * 1024 * 1024,
      memoryPollMs: 5,
    }),
  );
  const exit = await c.exited;
  assert.equal(exit.reason, "Completed");
  await assertAllGone([c.pid]);
});

Deno.test("startContainer() writes a pid file with the process's start time while it runs", async () => {
  await using tmp = await scratch();
  const c = await startContainer(spec(tmp.dir, ["sleep", "30"]));
  try {
    const record = JSON.parse(await Deno.readTextFile(`${tmp.dir}/pods/uid-1/app.pid`));
    const stat = await Deno.readTextFile(`/proc/${c.pid}/stat`);
    const startTime = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    assert.deepEqual(record, {
      pid: c.pid,
      podUid: "uid-1",
      namespace: "default",
      pod: "web",
      container: "app",
      restartCount: 0,
      startedAt: c.startedAt,
      startTime,
    });
  } finally {
    await c.stop(0);
  }
  await assertAllGone([c.pid]);
});

Deno.test("startContainer() gives the process exactly its env: names and values sh would drop or reset", async () => {
  await using tmp = await scratch();
  const c = await startContainer(
    spec(tmp.dir, ["/usr/bin/env"], {
      env: {
        "my.var": "1",
        "dashed-name": "2",
        "-leading": "3",
        GREETING: "hello",
        o: "mine",
        e: "mine too",
        IFS: "x",
        OPTIND: "5",
        PWD: "/nonexistent",
      },
      agentPath: "/usr/bin:/bin",
    }),
  );
  await c.exited;
  assert.deepEqual((await lines(c)).sort(), [
    "-leading=3",
    "GREETING=hello",
    "IFS=x",
    "OPTIND=5",
    "PATH=/usr/bin:/bin",
    "PWD=/nonexistent",
    "dashed-name=2",
    "e=mine too",
    "my.var=1",
    "o=mine",
  ]);
});

Deno.test("startContainer() with a relative root (the agent's default) runs and logs the container", async () => {
  await using tmp = await scratch();
  const relative = relativeTo(Deno.cwd(), tmp.dir);
  assert.ok(!relative.startsWith("/"));
  const c = await startContainer(spec(relative, ["sh", "-c", "echo from a relative root"]));
  const exit = await c.exited;
  assert.equal(exit.exitCode, 0);
  assert.deepEqual(await lines(c), ["from a relative root"]);
});

Deno.test("startContainer() rejects a script whose interpreter is missing, a file that is no program, and a path with =", async () => {
  await using tmp = await scratch();
  await Deno.writeTextFile(`${tmp.dir}/bad-interpreter`, "#!/no/such/shell\necho hi\n", {
    mode: 0o755,
  });
  await Deno.writeTextFile(`${tmp.dir}/plain-text`, "echo hi\n", { mode: 0o755 });
  await Deno.writeTextFile(`${tmp.dir}/crlf`, "#!/bin/sh\r\necho hi\r\n", { mode: 0o755 });
  await Deno.mkdir(`${tmp.dir}/a=b`);
  await Deno.writeTextFile(`${tmp.dir}/a=b/prog`, "#!/bin/sh\necho hi\n", { mode: 0o755 });
  await assert.rejects(
    startContainer(spec(tmp.dir, [`${tmp.dir}/bad-interpreter`])),
    (e: Error) =>
      e instanceof ContainerStartError &&
      e.message === `exec: "${tmp.dir}/bad-interpreter": no such file or directory`,
  );
  await assert.rejects(
    startContainer(spec(tmp.dir, [`${tmp.dir}/plain-text`])),
    (e: Error) =>
      e instanceof ContainerStartError &&
      e.message === `exec: "${tmp.dir}/plain-text": exec format error`,
  );
  await assert.rejects(
    startContainer(spec(tmp.dir, [`${tmp.dir}/crlf`])),
    (e: Error) => e.message === `exec: "${tmp.dir}/crlf": no such file or directory`,
  );
  await assert.rejects(
    startContainer(spec(tmp.dir, [`${tmp.dir}/a=b/prog`])),
    (e: Error) =>
      e.message ===
        `exec: "${tmp.dir}/a=b/prog": kclone cannot start a program whose path contains "="`,
  );
});

/** `to` as a path relative to `from` (both absolute). */
function relativeTo(from: string, to: string): string {
  const a = from.split("/").filter(Boolean), b = to.split("/").filter(Boolean);
  let common = 0;
  while (common < a.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => ".."), ...b.slice(common)].join("/");
}
