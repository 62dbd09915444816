import assert from "node:assert/strict";
import { kclone, kcloneCommand, withDb } from "./_kclone.ts";

/** Reads a child's stdout as it comes, keeping all of it. */
class OutputReader {
  text = "";
  #reader: ReadableStreamDefaultReader<string>;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.#reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  }

  /** Reads until `pattern` matches what was read, or the stream ends; whether it matched. */
  async until(pattern: RegExp): Promise<boolean> {
    while (!pattern.test(this.text)) {
      const { value, done } = await this.#reader.read();
      if (done) return false;
      this.text += value;
    }
    return true;
  }

  /** Reads to the end of the stream. */
  async toEnd(): Promise<void> {
    while (await this.until(/(?!)/));
  }
}

async function pods(db: string): Promise<string> {
  const result = await kclone(["pods"], { db });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

Deno.test("control-loop acts on CLI commands, logs each action and stops on SIGTERM", async () => {
  await withDb(async (db) => {
    // DB_PATH, not --db: the positional argument names the database, as in the original.
    const options = kcloneCommand(["control-loop", db, "--interval", "0.1"]);
    const child = new Deno.Command(Deno.execPath(), options).spawn();
    // A hung loop fails the test instead of hanging it.
    const guard = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const stderr = new Response(child.stderr).text();
    const stdout = new OutputReader(child.stdout);
    try {
      assert.ok(await stdout.until(/control loop started on /), stdout.text);
      for (
        const args of [["node-add", "node-a"], [
          "deploy-create",
          "web",
          "--image",
          "nginx",
          "--replicas",
          "2",
        ]]
      ) {
        const result = await kclone(args, { db });
        assert.equal(result.code, 0, result.stderr);
      }
      // The loop runs on real time: poll, boundedly, until both pods run.
      let listed = "";
      for (let i = 0; i < 50 && (listed.match(/ Running /g)?.length ?? 0) < 2; i++) {
        listed = await pods(db);
      }
      assert.equal(listed.match(/ Running +node-a\n/g)?.length, 2, listed);
    } finally {
      child.kill("SIGTERM");
    }
    await stdout.toEnd();
    const status = await child.status;
    clearTimeout(guard);
    assert.equal(status.code, 0, await stderr);
    const log = stdout.text;
    assert.match(log, /^\d\d:\d\d:\d\d control loop started on .*, every 0\.1 s\n/);
    assert.match(log, /\n\d\d:\d\d:\d\d node node-a Ready\n/);
    assert.match(log, /\n\d\d:\d\d:\d\d replicaset default\/web-\S+ created\n/);
    assert.equal(log.match(/ pod default\/web-\S+ bound to node-a\n/g)?.length, 2, log);
    assert.equal(log.match(/ pod default\/web-\S+ Running \(10\.244\.0\.\d\)\n/g)?.length, 2, log);
    assert.match(log, /\n\d\d:\d\d:\d\d SIGTERM: stopping\n\d\d:\d\d:\d\d control loop stopped\n$/);
    assert.doesNotMatch(log, /namespace default created/, "the loop's own setup is no action");
  });
});
