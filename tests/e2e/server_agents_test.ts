import assert from "node:assert/strict";
import { kclone, withDb } from "./_kclone.ts";

const CLI = new URL("../../cli.ts", import.meta.url).pathname;

/** Polls `check` until it gives a value, or fails saying what was awaited. */
async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Pids of processes whose environment holds `marker` (children of a pod's process too). */
async function markedProcesses(marker: string): Promise<number[]> {
  const pids: number[] = [];
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const environ = await Deno.readTextFile(`/proc/${entry.name}/environ`);
      if (environ.split("\0").includes(marker)) pids.push(Number(entry.name));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

const manifest = (marker: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: hello }
spec:
  replicas: 2
  selector: { matchLabels: { app: hello } }
  template:
    metadata: { labels: { app: hello } }
    spec:
      terminationGracePeriodSeconds: 5
      containers:
        - name: hello
          image: busybox
          command: ["sh", "-c", "echo hello from $(POD_NAME); exec sleep 60"]
          env:
            - name: POD_NAME
              valueFrom: { fieldRef: { fieldPath: metadata.name } }
            - name: KCLONE_E2E_MARKER
              value: "${marker.split("=")[1]}"
`;

interface NodeView {
  metadata: { name: string };
  status?: { conditions?: { type: string; status: string }[] };
}

interface PodView {
  metadata: { name: string };
  spec: { nodeName?: string };
  status?: { phase?: string; podIP?: string };
}

Deno.test({
  name:
    "kclone server --agents 2 runs a local cluster: Ready nodes, real pods on 127.244 addresses, their logs, and SIGTERM stops it all",
  ignore: Deno.build.os !== "linux",
  fn: () =>
    withDb(async (db) => {
      const marker = `KCLONE_E2E_MARKER=${crypto.randomUUID()}`;
      const kubeconfig = db.replace(/kclone\.db$/, "kubeconfig");
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", CLI, "--db", db, "server", "--agents", "2", "--port", "0"].concat(
          ["--kubeconfig", kubeconfig],
        ),
        stdout: "piped",
        stderr: "piped",
        env: { NO_COLOR: "1" },
      }).spawn();
      const stderr = new Response(child.stderr).text();
      const stdout = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
      let printed = "";
      let exited: number | undefined;
      try {
        while (!/started agent-1, agent-2 /.test(printed)) {
          const { value, done } = await stdout.read();
          if (done) throw new Error(`kclone server ended early: ${printed}${await stderr}`);
          printed += value;
        }
        const url = /listening on (http:\/\/\S+)/.exec(printed)![1];
        const api = async <T>(path: string): Promise<T> => await (await fetch(url + path)).json();

        const nodes = await until("two Ready nodes", async () => {
          const list = await api<{ items: NodeView[] }>("/api/v1/nodes");
          const ready = list.items.filter((n) =>
            n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")
          );
          return ready.length === 2 ? ready.map((n) => n.metadata.name).sort() : undefined;
        });
        assert.deepEqual(nodes, ["agent-1", "agent-2"]);

        const applied = await kclone(["--server", url, "apply", "-f", "-"], {
          stdin: manifest(marker),
        });
        assert.equal(applied.stdout, "deployment.apps/hello created\n", applied.stderr);
        const pods = await until("two Running pods", async () => {
          const list = await api<{ items: PodView[] }>(
            "/api/v1/namespaces/default/pods?labelSelector=app%3Dhello",
          );
          const running = list.items.filter((p) => p.status?.phase === "Running");
          return running.length === 2 ? running : undefined;
        });
        for (const pod of pods) {
          assert.match(pod.spec.nodeName ?? "", /^agent-[12]$/);
          assert.match(pod.status?.podIP ?? "", /^127\.244\.\d+\.\d+$/);
        }
        assert.equal((await markedProcesses(marker)).length, 2);

        const name = pods[0].metadata.name;
        const logs = await until("the pod's line in kclone logs", async () => {
          const result = await kclone(["--server", url, "logs", name]);
          return result.stdout === "" ? undefined : result;
        });
        assert.equal(logs.stdout, `hello from ${name}\n`);
        assert.equal(logs.code, 0);
        const ofDeployment = await kclone(["--server", url, "logs", "deployment/hello"]);
        const chosen = /^Found 2 pods, using pod\/(\S+)\n$/.exec(ofDeployment.stderr)?.[1];
        assert.equal(ofDeployment.stdout, `hello from ${chosen}\n`, ofDeployment.stderr);

        child.kill("SIGTERM");
        while (!(await stdout.read()).done);
        exited = (await child.status).code;
        const log = await stderr;
        assert.equal(exited, 0, log);
        assert.match(log, /^agent-1: kclone agent agent-1 stopped$/m);
        assert.match(log, /^agent-2: kclone agent agent-2 stopped$/m);
        assert.deepEqual(await markedProcesses(marker), []);
      } finally {
        if (exited === undefined) {
          await stdout.cancel();
          child.kill("SIGTERM");
          await child.status;
          await stderr.catch(() => "");
        }
        // Whatever happened above, leave nothing behind.
        for (const pid of await markedProcesses(marker)) Deno.kill(pid, "SIGKILL");
      }
    }),
});

/** The pid of the process whose command line holds all of `words`. */
async function processWith(words: string[]): Promise<number | undefined> {
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const args = (await Deno.readTextFile(`/proc/${entry.name}/cmdline`)).split("\0");
      if (words.every((word) => args.includes(word))) return Number(entry.name);
    } catch {
      // gone
    }
  }
  return undefined;
}

Deno.test({
  name: "kclone server --agents says so in one line when an agent dies, and does not restart it",
  ignore: Deno.build.os !== "linux",
  fn: () =>
    withDb(async (db) => {
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", CLI, "--db", db, "server", "--agents", "1", "--port", "0"].concat(
          ["--kubeconfig", db.replace(/kclone\.db$/, "kubeconfig")],
        ),
        stdout: "piped",
        stderr: "piped",
        env: { NO_COLOR: "1" },
      }).spawn();
      const stdout = new Response(child.stdout).text();
      const stderr = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
      let log = "";
      try {
        while (!/^agent-1: kclone agent agent-1 joined /m.test(log)) {
          const { value, done } = await stderr.read();
          if (done) throw new Error(`kclone server ended early: ${log}`);
          log += value;
        }
        const agent = await processWith(["--name", "agent-1", "--root", `${db}.agents/agent-1`]);
        assert.ok(agent, "the agent's process");
        Deno.kill(agent, "SIGKILL");
        while (!log.includes("\nagent-1: was killed")) {
          const { value, done } = await stderr.read();
          if (done) break;
          log += value;
        }
        const line = "agent-1: was killed by SIGKILL; not restarted: node agent-1 will go NotReady";
        assert.ok(log.split("\n").includes(line), log);
      } finally {
        child.kill("SIGTERM");
        while (!(await stderr.read()).done);
        assert.equal((await child.status).code, 0);
        assert.match(await stdout, /kclone API server stopped\n$/);
      }
    }),
});
