import assert from "node:assert/strict";
import config from "../../deno.json" with { type: "json" };

const cli = new URL("../../cli.ts", import.meta.url).pathname;

async function kclone(...args: string[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", cli, ...args],
    env: { NO_COLOR: "1" },
    stdin: "null",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

Deno.test("kclone --version prints the version of deno.json", async () => {
  const { code, stdout } = await kclone("--version");
  assert.equal(code, 0);
  assert.equal(stdout.trim(), config.version);
});

Deno.test("kclone --help lists the commands", async () => {
  const { code, stdout } = await kclone("--help");
  assert.equal(code, 0);
  assert.match(stdout, /Usage: kclone/);
  assert.match(stdout, /demo/);
});

Deno.test("kclone with an unknown command fails with a message, not a stack trace", async () => {
  const { code, stderr } = await kclone("frobnicate");
  assert.notEqual(code, 0);
  assert.match(stderr, /unknown command 'frobnicate'/);
  assert.doesNotMatch(stderr, /at .*\.ts:\d+/);
});

Deno.test("kclone demo runs to the end without a terminal", async () => {
  const { code, stdout, stderr } = await kclone("demo");
  assert.equal(code, 0, stderr);
  assert.match(stdout, /deployment.apps\/web created/);
  assert.match(stdout, /applied again: deployment.apps\/web unchanged/);
  assert.match(stdout, /spec\.replicas: Invalid value: -2/);
  assert.match(stdout, /every object identical, uid and resourceVersion kept: true/);
});
