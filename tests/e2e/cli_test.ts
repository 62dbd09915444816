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
  assert.match(stdout, /node-a +█+░* +3\/4 cpu, 3 pods/, "bin-packing fills node-a first");
  assert.match(stdout, /service\/web +ClusterIP 10\.96\.1\.1/);
  assert.match(stdout, /request 4 -> (\S+) .*\n[\s\S]*/);
  assert.match(
    stdout,
    /2 pod\(s\) Pending, Unschedulable: 0\/3 nodes are available: 1 node\(s\) had untolerated taint \{dedicated: gpu\}, 2 Insufficient cpu\./,
  );
  assert.match(stdout, /300 s later its pods are evicted/);
  assert.match(stdout, /round \d+: 0 old, 4 new pods/);
  assert.match(stdout, /rolled back: revision 3, images nginx:1\.27\n/);
  assert.match(stdout, /spec\.replicas: Invalid value: -2/);
  assert.match(stdout, /every object identical, uid and resourceVersion kept: true/);
  assert.ok(!stdout.includes("\u001b["), "no colour codes when piped");
});
