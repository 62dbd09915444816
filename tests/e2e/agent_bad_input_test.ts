/**
 * Bad input to `kclone agent`'s pods: each gets a clear status (and an Event that
 * `kubectl describe pod` shows), and the agent keeps running the pods that are fine.
 */
import assert from "node:assert/strict";
import type { Pod } from "../../lib/api/types.ts";
import { kubectlPresent } from "./_kubectl.ts";
import { type AgentCluster, startAgentCluster } from "./_agents.ts";
import { barePod, httpServerContainer, isReady, list, waitFor } from "./_agent_workloads.ts";

const present = await kubectlPresent();

async function podWhere(
  cluster: AgentCluster,
  name: string,
  what: string,
  check: (pod: Pod) => boolean,
): Promise<Pod> {
  return await waitFor(what, async () => {
    const pod = await cluster.get<Pod>(`/api/v1/namespaces/default/pods/${name}`);
    return check(pod) ? pod : undefined;
  });
}

async function describe(cluster: AgentCluster, name: string): Promise<string> {
  const described = await cluster.kubectl(["describe", "pod", name]);
  assert.equal(described.code, 0, described.stderr);
  return described.stdout;
}

Deno.test({
  name: "bad pods get a clear status and never take the agent down",
  ignore: !present,
  async fn(t) {
    const cluster = await startAgentCluster({ agents: 1 });
    const port = 20000 + Math.floor(Math.random() * 10000);
    const server = (name: string) =>
      barePod(name, {
        ...httpServerContainer({ name: "c" }),
        env: [
          { name: "POD_NAME", value: name },
          { name: "BIND", value: "127.0.0.1" },
          { name: "PORT", value: String(port) },
        ],
      });
    try {
      const applied = await cluster.kubectl(
        ["apply", "-f", "-"],
        list(
          barePod("no-such-command", { command: ["kclone-no-such-command"] }),
          barePod("closed-port", {
            command: ["sleep", "60"],
            readinessProbe: { tcpSocket: { port: 9 }, periodSeconds: 1 },
          }),
          barePod("no-configmap", {
            command: ["sleep", "60"],
            env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "nope", key: "k" } } }],
          }),
          server("port-owner"),
        ),
      );
      assert.equal(applied.code, 0, applied.stderr);

      await t.step("a command that does not exist waits with the exec error", async () => {
        const message = 'exec: "kclone-no-such-command": executable file not found in $PATH';
        const pod = await podWhere(
          cluster,
          "no-such-command",
          "a failed start",
          (p) => (p.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1,
        );
        const status = pod.status!.containerStatuses![0];
        assert.ok(
          ["RunContainerError", "CrashLoopBackOff"].includes(status.state?.waiting?.reason!),
          JSON.stringify(status.state),
        );
        assert.deepEqual(
          { ...status.lastState?.terminated, startedAt: "", finishedAt: "" },
          { exitCode: 128, reason: "StartError", message, startedAt: "", finishedAt: "" },
        );
        assert.equal(pod.status?.phase, "Running");
        assert.match(
          await describe(cluster, "no-such-command"),
          /Failed .*Error: exec: "kclone-no-such-command": executable file not found in \$PATH/,
        );
      });

      await t.step("a probe to a closed port keeps the pod not ready, saying why", async () => {
        const pod = await podWhere(
          cluster,
          "closed-port",
          "a running pod",
          (p) =>
            p.status?.phase === "Running" &&
            p.status.containerStatuses?.[0]?.state?.running !== undefined,
        );
        assert.equal(isReady(pod), false);
        const message = `Readiness probe failed: dial tcp ${
          pod.status!.podIP
        }:9: connect: connection refused`;
        const described = await waitFor("the Unhealthy event", async () => {
          const text = await describe(cluster, "closed-port");
          return text.includes(message) ? text : undefined;
        });
        assert.match(described, /Warning +Unhealthy /);
      });

      await t.step(
        "an env source kclone cannot resolve is a CreateContainerConfigError",
        async () => {
          const pod = await podWhere(
            cluster,
            "no-configmap",
            "a config error",
            (p) =>
              p.status?.containerStatuses?.[0]?.state?.waiting?.reason ===
                "CreateContainerConfigError",
          );
          assert.equal(
            pod.status!.containerStatuses![0].state!.waiting!.message,
            "env X: configMapKeyRef is not supported by kclone",
          );
          assert.equal(pod.status?.phase, "Pending");
          const logs = await cluster.kubectl(["logs", "no-configmap"]);
          assert.notEqual(logs.code, 0);
          assert.match(
            logs.stderr,
            /container "c" in pod "no-configmap" is waiting to start: CreateContainerConfigError/,
          );
        },
      );

      await t.step("an env reference to a missing field is refused by the API", async () => {
        const refused = await cluster.kubectl(
          ["apply", "-f", "-"],
          list(barePod("bad-field", {
            command: ["sleep", "60"],
            env: [{ name: "X", valueFrom: { fieldRef: { fieldPath: "spec.nope" } } }],
          })),
        );
        assert.notEqual(refused.code, 0);
        assert.match(
          refused.stderr,
          /Pod "bad-field" is invalid: spec\.containers\[0\]\.env\[0\]\.valueFrom\.fieldRef\.fieldPath: Unsupported value: "spec\.nope": supported values: /,
        );
        const got = await cluster.kubectl(["get", "pod", "bad-field"]);
        assert.match(got.stderr, /pods "bad-field" not found/);
      });

      await t.step(
        "a second pod binding a taken address and port crashes, logs saying why",
        async () => {
          await podWhere(cluster, "port-owner", "the port owner ready", isReady);
          const applied = await cluster.kubectl(["apply", "-f", "-"], list(server("port-taker")));
          assert.equal(applied.code, 0, applied.stderr);
          const pod = await podWhere(
            cluster,
            "port-taker",
            "a crash",
            (p) => p.status?.containerStatuses?.[0]?.lastState?.terminated !== undefined,
          );
          const status = pod.status!.containerStatuses![0];
          assert.equal(status.lastState!.terminated!.exitCode, 1);
          assert.equal(status.lastState!.terminated!.reason, "Error");
          const crashed = await podWhere(
            cluster,
            "port-taker",
            "CrashLoopBackOff",
            (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === "CrashLoopBackOff",
          );
          assert.match(
            crashed.status!.containerStatuses![0].state!.waiting!.message!,
            new RegExp(
              `^back-off \\d+m?s restarting failed container=c pod=port-taker_default\\(${crashed.metadata.uid}\\)$`,
            ),
          );
          const logs = await cluster.kubectl(["logs", "--previous", "port-taker"]);
          assert.match(logs.stdout, /Address already in use/);
          assert.equal(
            isReady(await cluster.get<Pod>("/api/v1/namespaces/default/pods/port-owner")),
            true,
          );
        },
      );

      await t.step("the agent still runs, and still starts good pods", async () => {
        const applied = await cluster.kubectl(
          ["apply", "-f", "-"],
          list(barePod("fine", {
            command: ["sleep", "60"],
          })),
        );
        assert.equal(applied.code, 0, applied.stderr);
        await podWhere(cluster, "fine", "a ready pod", isReady);
        assert.ok(
          !/error|panic|uncaught/i.test(
            cluster.agents[0].process.output().replace(/agent a1: event.*/g, ""),
          ),
          cluster.agents[0].process.output(),
        );
      });
    } finally {
      await cluster.close();
    }
  },
});
