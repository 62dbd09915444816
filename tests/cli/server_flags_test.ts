import assert from "node:assert/strict";
import { parseGoDuration } from "../../lib/cli/server/go_duration.ts";
import { nodeLifecycleOptions } from "../../lib/cli/server/node_lifecycle_flags.ts";
import { isLoopbackAddress, servingPlan } from "../../lib/cli/server/serving_plan.ts";
import {
  loadOrCreateToken,
  readTokenFile,
  tokenFilePath,
} from "../../lib/cli/server/token_file.ts";

Deno.test("parseGoDuration() reads durations as Go's time.ParseDuration does", () => {
  const cases: [string, number][] = [
    ["40s", 40_000],
    ["1m30s", 90_000], // 60 s + 30 s
    ["500ms", 500],
    ["1.5h", 5_400_000], // 90 min
    [".5s", 500],
    ["1h0m0s", 3_600_000],
    ["2s500ms", 2_500],
    ["300us", 0.3],
    ["1µs", 0.001],
    ["-2s", -2_000],
    ["+3s", 3_000],
    ["0", 0],
  ];
  for (const [text, ms] of cases) assert.deepEqual(parseGoDuration(text), { ok: true, ms }, text);
});

Deno.test("parseGoDuration() gives Go's message for what it cannot read", () => {
  const cases: [string, string][] = [
    ["40", 'time: missing unit in duration "40"'],
    ["1m30", 'time: missing unit in duration "1m30"'],
    ["40x", 'time: unknown unit "x" in duration "40x"'],
    ["5 s", 'time: unknown unit " s" in duration "5 s"'],
    ["", 'time: invalid duration ""'],
    ["abc", 'time: invalid duration "abc"'],
    [".s", 'time: invalid duration ".s"'],
    ["-", 'time: invalid duration "-"'],
    ["9999999999h", 'time: invalid duration "9999999999h"'], // beyond int64 nanoseconds
  ];
  for (const [text, error] of cases) {
    assert.deepEqual(parseGoDuration(text), { ok: false, error }, text);
  }
});

Deno.test("nodeLifecycleOptions() hands the flags to the node lifecycle controller", () => {
  assert.deepEqual(
    nodeLifecycleOptions({
      nodeMonitorGracePeriod: "40s",
      defaultUnreachableTolerationSeconds: "300",
    }),
    { nodeMonitorGracePeriodMs: 40_000, defaultUnreachableTolerationSeconds: 300 },
  );
  assert.deepEqual(
    nodeLifecycleOptions({
      nodeMonitorGracePeriod: "1m30s",
      defaultUnreachableTolerationSeconds: "0",
    }),
    { nodeMonitorGracePeriodMs: 90_000, defaultUnreachableTolerationSeconds: 0 },
  );
});

Deno.test("nodeLifecycleOptions() refuses bad values in cobra's words", () => {
  const cases: [string, string, string][] = [
    [
      "40",
      "300",
      'invalid argument "40" for "--node-monitor-grace-period" flag: time: missing unit in duration "40"',
    ],
    [
      "0s",
      "300",
      'invalid argument "0s" for "--node-monitor-grace-period" flag: must be greater than 0',
    ],
    [
      "40s",
      "5m",
      'invalid argument "5m" for "--default-unreachable-toleration-seconds" flag: strconv.ParseInt: parsing "5m": invalid syntax',
    ],
    [
      "40s",
      "-1",
      'invalid argument "-1" for "--default-unreachable-toleration-seconds" flag: must be greater than or equal to 0',
    ],
  ];
  for (const [grace, toleration, message] of cases) {
    assert.throws(
      () =>
        nodeLifecycleOptions({
          nodeMonitorGracePeriod: grace,
          defaultUnreachableTolerationSeconds: toleration,
        }),
      { name: "UsageError", message },
    );
  }
});

Deno.test("isLoopbackAddress() knows loopback from every other address", () => {
  const loopback = ["127.0.0.1", "127.1.2.3", "localhost", "LocalHost", "::1", "0:0:0:0:0:0:0:1"];
  const other = ["0.0.0.0", "::", "10.0.0.1", "192.168.1.5", "127.0.0.256", "128.0.0.1", "::2"];
  for (const address of loopback) assert.equal(isLoopbackAddress(address), true, address);
  for (const address of other) assert.equal(isLoopbackAddress(address), false, address);
});

Deno.test("servingPlan() serves plain loopback openly, and TLS or --require-token with the token", () => {
  assert.deepEqual(servingPlan({ address: "127.0.0.1" }), { requireToken: false });
  assert.deepEqual(servingPlan({ address: "::1", requireToken: true }), { requireToken: true });
  assert.deepEqual(servingPlan({ address: "0.0.0.0", tlsCert: "c.crt", tlsKey: "c.key" }), {
    tls: { certFile: "c.crt", keyFile: "c.key" },
    requireToken: true,
  });
  assert.deepEqual(servingPlan({ address: "127.0.0.1", tlsCert: "c.crt", tlsKey: "c.key" }), {
    tls: { certFile: "c.crt", keyFile: "c.key" },
    requireToken: true,
  });
});

Deno.test("servingPlan() refuses plain HTTP beyond loopback, and half a TLS pair", () => {
  assert.throws(() => servingPlan({ address: "0.0.0.0" }), {
    name: "UsageError",
    message: "refusing to serve on 0.0.0.0 without TLS: only loopback addresses (127.0.0.1, " +
      "::1, localhost) may serve plain HTTP; pass --tls-cert FILE and --tls-key FILE",
  });
  assert.throws(() => servingPlan({ address: "0.0.0.0", tlsCert: "c.crt" }), {
    name: "UsageError",
    message: "--tls-cert and --tls-key go together: pass both, or neither",
  });
  assert.throws(() => servingPlan({ address: "127.0.0.1", tlsKey: "c.key" }), {
    name: "UsageError",
    message: "--tls-cert and --tls-key go together: pass both, or neither",
  });
});

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "kclone-token-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("loadOrCreateToken() makes a token with mode 0600 beside the database, then reuses it", async () => {
  await withTempDir(async (dir) => {
    const path = tokenFilePath(`${dir}/kclone.db`);
    assert.equal(path, `${dir}/kclone.db.token`);
    const first = await loadOrCreateToken(path);
    assert.equal(first.created, true);
    assert.match(first.token, /^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    if (Deno.build.os !== "windows") assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
    assert.deepEqual(await loadOrCreateToken(path), { token: first.token, created: false });
    assert.equal(await readTokenFile(path), first.token);
  });
});

Deno.test("loadOrCreateToken() replaces an empty token file and refuses one others can read", async () => {
  if (Deno.build.os === "windows") return; // no Unix permissions to check
  await withTempDir(async (dir) => {
    const path = `${dir}/kclone.db.token`;
    await Deno.writeTextFile(path, "", { mode: 0o644 });
    await Deno.chmod(path, 0o644);
    const replaced = await loadOrCreateToken(path);
    assert.equal(replaced.created, true);
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);

    await Deno.chmod(path, 0o644);
    await assert.rejects(() => loadOrCreateToken(path), {
      name: "UsageError",
      message: `token file ${path} is open to other users (mode 0644): ` +
        `run chmod 600 ${path}, or delete it to make a new token`,
    });
    assert.equal((await Deno.readTextFile(path)).trim(), replaced.token); // left as it was

    await Deno.writeTextFile(path, "not a token\n");
    await Deno.chmod(path, 0o600);
    await assert.rejects(() => loadOrCreateToken(path), {
      name: "UsageError",
      message: `token file ${path} does not hold a bearer token ` +
        "(32 or more of A-Z a-z 0-9 - . _ ~ + /): delete it to make a new one",
    });
  });
});

Deno.test("readTokenFile() finds no token where there is no file", async () => {
  await withTempDir(async (dir) => {
    assert.equal(await readTokenFile(`${dir}/kclone.db.token`), undefined);
  });
});
