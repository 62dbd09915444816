import assert from "node:assert/strict";
import { parseAgentCommandLine } from "../../lib/cli/agent/agent_command_line.ts";

const noEnv = () => undefined;

Deno.test("kclone-agent's command line takes --flag value, --flag=value, -c value and -cvalue", () => {
  const read = parseAgentCommandLine(
    ["--server", "http://127.0.0.1:6443", "--name=n1", "-c", "3", "-m2048", "--pods", "-3"],
    noEnv,
  );
  assert.equal(read.kind, "run");
  if (read.kind !== "run") return;
  assert.equal(read.flags.name, "n1");
  assert.equal(read.flags.cpu, "3");
  assert.equal(read.flags.mem, "2048");
  // A value starting with a dash is the flag's value (then judged by the flag), as commander reads it.
  assert.equal(read.flags.pods, "-3");
  assert.equal(read.flags.leaseInterval, "10s");
  assert.equal(read.flags.address, "127.0.0.1");
  assert.deepEqual(read.globals, {
    server: "http://127.0.0.1:6443",
    token: undefined,
    certificateAuthority: undefined,
    color: true,
  });
});

Deno.test("kclone-agent reads --server and --token from KCLONE_SERVER and KCLONE_TOKEN, flags first", () => {
  const env = (name: string) =>
    ({ KCLONE_SERVER: "http://10.0.0.1:6443", KCLONE_TOKEN: "t0k" })[name];
  const fromEnv = parseAgentCommandLine(["--name", "n1", "--no-color"], env);
  assert.equal(fromEnv.kind, "run");
  if (fromEnv.kind !== "run") return;
  assert.deepEqual(fromEnv.globals, {
    server: "http://10.0.0.1:6443",
    token: "t0k",
    certificateAuthority: undefined,
    color: false,
  });
  const flag = parseAgentCommandLine(["--name", "n1", "--server", "http://127.0.0.1:1"], env);
  assert.equal(flag.kind === "run" && flag.globals.server, "http://127.0.0.1:1");
});

Deno.test("kclone-agent words command-line mistakes as commander does", () => {
  const cases: [string[], string][] = [
    [["--name", "n1", "--bogus"], "unknown option '--bogus'"],
    [["--name", "n1", "-x"], "unknown option '-x'"],
    [["--name", "n1", "--cpu"], "option '-c, --cpu <cores>' argument missing"],
    [["--name", "n1", "--no-color=yes"], "option '--no-color' does not take an argument"],
    [["--cpu", "2"], "required option '--name <node>' not specified"],
    [["--name", "n1", "extra"], "too many arguments. Expected 0 arguments but got 1."],
    [["--name", "n1", "--", "a", "b"], "too many arguments. Expected 0 arguments but got 2."],
    [
      ["--name", "n1", "--server", "ftp://x"],
      `option '--server <url>' argument 'ftp://x' is invalid. "ftp://x" is not an http or https URL`,
    ],
  ];
  for (const [args, message] of cases) {
    assert.deepEqual(
      parseAgentCommandLine(args, noEnv),
      { kind: "error", message },
      args.join(" "),
    );
  }
});

Deno.test("kclone-agent --help and --version win over missing flags", () => {
  assert.equal(parseAgentCommandLine(["--help"], noEnv).kind, "help");
  assert.equal(parseAgentCommandLine(["-v"], noEnv).kind, "version");
});
