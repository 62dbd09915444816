import assert from "node:assert/strict";
import { dirname } from "node:path";
import { parse } from "yaml";
import { kclone, kcloneCommand, withDb } from "./_kclone.ts";
import { kubectl, kubectlPresent } from "./_kubectl.ts";

/** A `kclone server` child of a test. */
interface Served {
  /** Its base URL, from `listening on URL`. */
  url: string;
  /** The kubeconfig it wrote. */
  kubeconfig: string;
  /** Sends SIGTERM, waits for the end; resolves to the exit code. */
  stop(): Promise<number>;
}

/** Starts `kclone server --port 0 ARGS...` on `db` and waits until it listens. */
async function serve(db: string, args: string[] = []): Promise<Served> {
  const kubeconfig = `${dirname(db)}/kubeconfig`;
  const command = kcloneCommand(["server", "--port", "0", "--kubeconfig", kubeconfig, ...args], {
    db,
  });
  const child = new Deno.Command(Deno.execPath(), command).spawn();
  const stderr = new Response(child.stderr).text();
  const reader = child.stdout!.pipeThrough(new TextDecoderStream()).getReader();
  const stop = async () => {
    child.kill("SIGTERM");
    while (!(await reader.read()).done);
    await stderr;
    return (await child.status).code;
  };
  let log = "";
  let listening: RegExpExecArray | null = null;
  while (!(listening = /listening on (https?:\/\/\S+)\n/.exec(log))) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`kclone server ended before listening: ${log}${await stderr}`);
    log += value;
  }
  return { url: listening[1], kubeconfig, stop };
}

/**
 * The self-signed pair the README tells users to make, made with the README's command in `dir`;
 * undefined when openssl is not installed.
 */
async function selfSignedPair(dir: string): Promise<{ cert: string; key: string } | undefined> {
  const args = [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-days",
    "365",
    "-subj",
    "/CN=kclone",
    "-addext",
    "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "-addext",
    "basicConstraints=critical,CA:FALSE",
    "-keyout",
    "kclone.key",
    "-out",
    "kclone.crt",
  ];
  try {
    const made = await new Deno.Command("openssl", { args, cwd: dir, stderr: "piped" }).output();
    assert.equal(made.code, 0, new TextDecoder().decode(made.stderr));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  return { cert: `${dir}/kclone.crt`, key: `${dir}/kclone.key` };
}

const POD = { apiVersion: "v1", kind: "Pod", metadata: { name: "web" }, spec: { containers: [] } };

Deno.test("kubectl works over TLS against a self-signed kclone server, with the token only", async () => {
  if (!(await kubectlPresent())) return console.log("skipped: kubectl is not installed");
  await withDb(async (db) => {
    const pair = await selfSignedPair(dirname(db));
    if (!pair) return console.log("skipped: openssl is not installed");
    const server = await serve(db, ["--tls-cert", pair.cert, "--tls-key", pair.key]);
    const client = Deno.createHttpClient({ caCerts: [await Deno.readTextFile(pair.cert)] });
    try {
      assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const config = parse(await Deno.readTextFile(server.kubeconfig));
      const token = (await Deno.readTextFile(`${db}.token`)).trim();
      assert.equal(config.users[0].user.token, token);
      assert.equal(config.clusters[0].cluster.server, server.url);
      assert.equal(
        atob(config.clusters[0].cluster["certificate-authority-data"]),
        await Deno.readTextFile(pair.cert),
      );

      const namespaces = await kubectl(server.kubeconfig, ["get", "namespaces", "-o", "name"]);
      assert.equal(namespaces.code, 0, namespaces.stderr);
      assert.match(namespaces.stdout, /^namespace\/default$/m);

      const wrong = await kubectl(server.kubeconfig, ["--token", "wrong", "get", "pods"]);
      assert.equal(wrong.code, 1);
      assert.equal(wrong.stderr, "error: You must be logged in to the server (Unauthorized)\n");

      // Without the token kubectl asks for a username and password (stdin is closed: it fails)...
      const tokenless = `${dirname(db)}/tokenless.kubeconfig`;
      delete config.users[0].user.token;
      await Deno.writeTextFile(tokenless, JSON.stringify(config));
      const anonymous = await kubectl(tokenless, ["get", "pods"]);
      assert.equal(anonymous.code, 1);
      assert.equal(anonymous.stdout, "Please enter Username: ");
      // ...and given some, the server refuses them with 401. (kubectl words it by whether its
      // discovery cache for the server is warm: the 401 came from discovery or from the list.)
      const basic = await kubectl(tokenless, ["--username", "u", "--password", "p", "get", "pods"]);
      assert.equal(basic.code, 1);
      assert.match(
        basic.stderr,
        /(^|\n)error: You must be logged in to the server \((Unauthorized|the server has asked for the client to provide credentials)\)\n$/,
      );

      const unauthenticated = await fetch(`${server.url}/api/v1/namespaces/default/pods`, {
        client,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(POD),
      });
      assert.equal(unauthenticated.status, 401);
      assert.deepEqual(await unauthenticated.json(), {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: "Unauthorized",
        reason: "Unauthorized",
        code: 401,
      });
      const pods = await kubectl(server.kubeconfig, ["get", "pods", "-o", "name"]);
      assert.equal(pods.code, 0, pods.stderr);
      assert.equal(pods.stdout, ""); // the refused create wrote nothing

      const health = await fetch(`${server.url}/readyz`, { client });
      assert.equal(health.status, 200);
      assert.equal(await health.text(), "ok");
    } finally {
      client.close();
      assert.equal(await server.stop(), 0);
    }
  });
});

Deno.test("kclone server keeps its token in <db>.token with mode 0600 and reuses it on restart", async () => {
  await withDb(async (db) => {
    const first = await serve(db, ["--require-token"]);
    const token = (await Deno.readTextFile(`${db}.token`)).trim();
    try {
      assert.match(token, /^[A-Za-z0-9_-]{43}$/);
      if (Deno.build.os !== "windows") {
        assert.equal((await Deno.stat(`${db}.token`)).mode! & 0o777, 0o600);
      }
      const refused = await fetch(`${first.url}/api/v1/namespaces`);
      assert.equal(refused.status, 401);
      await refused.body?.cancel();
      const health = await fetch(`${first.url}/healthz`);
      assert.equal(await health.text(), "ok");
    } finally {
      assert.equal(await first.stop(), 0);
    }
    const second = await serve(db, ["--require-token"]);
    try {
      assert.equal((await Deno.readTextFile(`${db}.token`)).trim(), token);
      const config = parse(await Deno.readTextFile(second.kubeconfig));
      assert.equal(config.users[0].user.token, token);
      const allowed = await fetch(`${second.url}/api/v1/namespaces`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(allowed.status, 200);
      assert.equal((await allowed.json()).kind, "NamespaceList");
    } finally {
      assert.equal(await second.stop(), 0);
    }
    const printed = await kclone(["kubeconfig", "--port", "6443"], { db });
    assert.equal(printed.code, 0, printed.stderr);
    assert.equal(parse(printed.stdout).users[0].user.token, token);
  });
});

Deno.test("kclone server --token-file keeps the token where it is told, and kclone kubeconfig reads it there", async () => {
  await withDb(async (db) => {
    const file = `${dirname(db)}/shared.token`;
    const served = await serve(db, ["--require-token", "--token-file", file]);
    let token: string;
    try {
      token = (await Deno.readTextFile(file)).trim();
      assert.match(token, /^[A-Za-z0-9_-]{43}$/);
      if (Deno.build.os !== "windows") {
        assert.equal((await Deno.stat(file)).mode! & 0o777, 0o600);
      }
      await assert.rejects(() => Deno.stat(`${db}.token`), Deno.errors.NotFound);
      const allowed = await fetch(`${served.url}/api/v1/namespaces`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(allowed.status, 200);
      await allowed.body?.cancel();
    } finally {
      assert.equal(await served.stop(), 0);
    }
    const printed = await kclone(["kubeconfig", "--token-file", file], { db });
    assert.equal(printed.code, 0, printed.stderr);
    assert.equal(parse(printed.stdout).users[0].user.token, token);
  });
});

Deno.test("kclone server refuses a non-loopback address without --tls-cert and --tls-key", async () => {
  await withDb(async (db) => {
    const result = await kclone(["server", "--address", "0.0.0.0", "--port", "0"], { db });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "");
    assert.equal(
      result.stderr,
      "error: refusing to serve on 0.0.0.0 without TLS: only loopback addresses (127.0.0.1, " +
        "::1, localhost) may serve plain HTTP; pass --tls-cert FILE and --tls-key FILE\n",
    );
    await assert.rejects(() => Deno.stat(`${db}.token`), Deno.errors.NotFound);
    await assert.rejects(() => Deno.stat(db), Deno.errors.NotFound);
  });
});

Deno.test("kclone server and control-loop refuse a bad node lifecycle flag in one line", async () => {
  await withDb(async (db) => {
    const server = await kclone(["server", "--port", "0", "--node-monitor-grace-period", "40"], {
      db,
    });
    assert.equal(server.code, 1);
    assert.equal(
      server.stderr,
      'error: invalid argument "40" for "--node-monitor-grace-period" flag: ' +
        'time: missing unit in duration "40"\n',
    );
    const loop = await kclone(["control-loop", "--default-unreachable-toleration-seconds", "5m"], {
      db,
    });
    assert.equal(loop.code, 1);
    assert.equal(
      loop.stderr,
      'error: invalid argument "5m" for "--default-unreachable-toleration-seconds" flag: ' +
        'strconv.ParseInt: parsing "5m": invalid syntax\n',
    );
  });
});
