import assert from "node:assert/strict";
import { ContainerWorker } from "../../lib/agent/container_worker.ts";
import { containerEnv } from "../../lib/agent/runtime/mod.ts";
import type { Container, ContainerStatus } from "../../lib/api/types.ts";
import type { EventRecord } from "../../lib/controllers/event_recorder.ts";
import { makePod } from "../_fixtures.ts";
import { scratch, waitFor } from "./runtime/_helpers.ts";

const pod = makePod("web", {
  nodeName: "a1",
  overrides: { metadata: { uid: "uid-1" }, spec: { terminationGracePeriodSeconds: 1 } },
});

/** Runs `container` in a ContainerWorker until `until` holds of its status and events. */
async function run(
  container: Container,
  until: (status: ContainerStatus, events: EventRecord[]) => boolean,
  backOffScale = 0.01,
): Promise<{ status: ContainerStatus; events: EventRecord[] }> {
  await using dir = await scratch();
  const events: EventRecord[] = [];
  const worker = new ContainerWorker(pod, container, {
    podIP: "127.0.0.1",
    hostIP: "127.0.0.1",
    root: dir.dir,
    logDir: `${dir.dir}/logs`,
    backOffScale,
    onChange: () => {},
    onEvent: (event) => events.push(event),
  });
  worker.start();
  try {
    await waitFor("the expected status", () => until(worker.status, events));
  } finally {
    await worker.stop(1000);
  }
  return { status: worker.status, events };
}

Deno.test("a command that does not exist ends as StartError, exit code 128, with a Failed event", async () => {
  const { status, events } = await run(
    { name: "app", image: "x", command: ["no-such-command-kclone"] },
    (s) => s.restartCount >= 1,
  );
  const message = 'exec: "no-such-command-kclone": executable file not found in $PATH';
  assert.equal(status.lastState?.terminated?.reason, "StartError");
  assert.equal(status.lastState?.terminated?.exitCode, 128);
  assert.equal(status.lastState?.terminated?.message, message);
  assert.deepEqual(events[0], { type: "Warning", reason: "Failed", message: `Error: ${message}` });
});

Deno.test("a readiness probe to a closed port records the kubelet's Unhealthy event", async () => {
  const { status, events } = await run({
    name: "app",
    image: "x",
    command: ["sleep", "30"],
    readinessProbe: { tcpSocket: { port: 9 }, periodSeconds: 1 },
  }, (_, e) => e.length > 0);
  assert.equal(status.ready, false);
  assert.deepEqual(events[0], {
    type: "Warning",
    reason: "Unhealthy",
    message: "Readiness probe failed: dial tcp 127.0.0.1:9: connect: connection refused",
  });
});

Deno.test("a failed liveness probe records Unhealthy, then Killing, and restarts the container", async () => {
  const { status, events } = await run({
    name: "app",
    image: "x",
    command: ["sleep", "30"],
    livenessProbe: { exec: { command: ["false"] }, periodSeconds: 1, failureThreshold: 1 },
  }, (s) => s.restartCount >= 1);
  assert.ok(status.restartCount >= 1);
  assert.deepEqual(events.slice(0, 2), [
    { type: "Warning", reason: "Unhealthy", message: "Liveness probe failed: " },
    {
      type: "Normal",
      reason: "Killing",
      message: "Container app failed liveness probe, will be restarted",
    },
  ]);
});

Deno.test("containerEnv() resolves status.hostIPs, which the API accepts, to the node's IP", () => {
  const env = containerEnv(pod, {
    name: "app",
    env: [{ name: "HOSTS", valueFrom: { fieldRef: { fieldPath: "status.hostIPs" } } }],
  }, { podIP: "127.0.10.2", hostIP: "127.0.0.1" });
  assert.deepEqual(env, { ok: true, env: { HOSTS: "127.0.0.1" } });
});

Deno.test("stop() during a CrashLoopBackOff wait ends at once instead of hanging", async () => {
  const started = Date.now();
  const { status, events } = await run(
    { name: "app", image: "x", command: ["false"] },
    (s) => s.state?.waiting?.reason === "CrashLoopBackOff" && s.restartCount === 2,
    1, // Kubernetes' own back-off: 10 s before the third start
  );
  assert.match(status.state!.waiting!.message!, /^back-off 10s restarting failed container=app /);
  assert.equal(events.at(-1)?.reason, "BackOff");
  assert.ok(Date.now() - started < 5_000, "stopped without waiting out the back-off");
});
