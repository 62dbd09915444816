import assert from "node:assert/strict";
import { kclone } from "./_kclone.ts";
import { normalizeAges, writeFixture } from "./_cluster_fixture.ts";

const dir = Deno.makeTempDirSync({ prefix: "kclone-describe-" });
const db = `${dir}/kclone.db`;
const fixture = writeFixture(db);
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));

async function run(...args: string[]) {
  await fixture;
  return await kclone(args, { db });
}

Deno.test("kclone describe pod shows a Pending pod's state, the scheduler's reasons and events", async () => {
  const { code, stdout, stderr } = await run("describe", "pod", "big");
  assert.equal(code, 0, stderr);
  const text = normalizeAges(stdout);
  assert.match(text, /^Name: {9}big\nNamespace: {4}default\nNode: {9}<none>\n/);
  assert.match(text, /\nStatus: {7}Pending\n/);
  assert.match(text, /\nConditions:\n {2}Type {11}Status\n {2}PodScheduled {3}False \n/);
  assert.ok(
    text.includes(
      [
        "Scheduling:",
        "  Strategy:  MostAllocated",
        "  Nodes:     3 schedulable, 3 examined, 0 feasible",
        "  Sampling:  Examined all 3 nodes (clusters under 100 nodes are always examined in full).",
        "  Chosen:    <none>",
        "  Rejected:  NodeResourcesFit: Insufficient cpu (node-a, node-b)",
        "             TaintToleration: node(s) had untolerated taint {dedicated: gpu} (node-gpu)",
        "Events:",
      ].join("\n"),
    ),
    text,
  );
  assert.match(
    text,
    /\n {2}Warning +FailedScheduling +<y>( \(x\d+ over <y>\))? +default-scheduler +0\/3 nodes are available: 1 node\(s\) had untolerated taint \{dedicated: gpu\}, 2 Insufficient cpu\.\n$/,
  );
});

Deno.test("kclone describe pod NAME-PREFIX describes every matching pod, two blank lines apart", async () => {
  const { code, stdout } = await run("describe", "pods", "web");
  assert.equal(code, 0);
  const parts = stdout.split("\n\n\nName:");
  assert.equal(parts.length, 3);
  assert.match(stdout, /\nControlled By: {2}ReplicaSet\/web-[a-z0-9]+\n/);
  assert.match(stdout, /\n {4}State: {10}Running\n/);
  assert.match(stdout, /\n {2}Chosen: {4}node-a \(score \d+\)\n/);
});

Deno.test("kclone describe node shows its pods and allocated resources", async () => {
  const { code, stdout } = await run("describe", "node", "node-a");
  assert.equal(code, 0);
  assert.match(stdout, /^Name: {15}node-a\nRoles: {14}<none>\nLabels: {13}disk=ssd\n/);
  assert.match(stdout, /\nNon-terminated Pods: {10}\(3 in total\)\n/);
  assert.match(
    stdout,
    /\n {2}default +web-\S+ +1 \(25%\) +0 \(0%\) +128Mi \(1%\) +0 \(0%\) +\d+y\n/,
  );
  assert.match(
    stdout,
    /\n {2}cpu {16}3 \(75%\) {5}0 \(0%\)\n {2}memory {13}384Mi \(4%\) {2}0 \(0%\)\n/,
  );
});

Deno.test("kclone describe deployment and service print kubectl's lines", async () => {
  const deployment = await run("describe", "deploy", "web");
  assert.equal(deployment.code, 0);
  assert.match(
    deployment.stdout,
    /\nReplicas: {15}3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable\n/,
  );
  assert.match(
    deployment.stdout,
    /\nRollingUpdateStrategy: {2}25% max unavailable, 25% max surge\n/,
  );
  assert.match(deployment.stdout, /\nNewReplicaSet: {3}web-[a-z0-9]+ \(3\/3 replicas created\)\n/);
  assert.match(
    deployment.stdout,
    /ScalingReplicaSet +<?\S+ +deployment-controller +Scaled up replica set/,
  );
  const service = await run("describe", "svc", "web-np");
  assert.equal(service.code, 0);
  assert.match(service.stdout, /\nType: {21}NodePort\n/);
  assert.match(service.stdout, /\nPort: {21}<unset> {2}80\/TCP\nTargetPort: {15}80\/TCP\n/);
  assert.match(service.stdout, /\nNodePort: {17}<unset> {2}30080\/TCP\n/);
  assert.match(
    service.stdout,
    /\nEndpoints: {16}10\.244\.0\.2:80,10\.244\.0\.3:80,10\.244\.0\.4:80\n/,
  );
});

Deno.test("kclone describe of a missing object fails with kubectl's NotFound", async () => {
  const { code, stdout, stderr } = await run("describe", "pod", "nope");
  assert.equal(code, 1);
  assert.equal(stdout, "");
  assert.equal(stderr, 'Error from server (NotFound): pods "nope" not found\n');
});

Deno.test("kclone explain-schedule tabulates every node against every filter plugin", async () => {
  const { code, stdout, stderr } = await run("explain-schedule", "big");
  assert.equal(code, 0, stderr);
  assert.equal(
    stdout,
    [
      "Pod:       default/big",
      "Node:      <none>: 0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.",
      "Strategy:  MostAllocated (NodeResourcesFit)",
      "Sampling:  Examined all 3 nodes (clusters under 100 nodes are always examined in full).",
      "Nodes:     3 schedulable, 3 examined, 0 feasible",
      "",
      "Filters (4 plugins, in order; - means not run):",
      "NODE       NodeUnschedulable   NodeReady   TaintToleration                                  NodeResourcesFit",
      "node-a     ✓                   ✓           ✓                                                Insufficient cpu",
      "node-b     ✓                   ✓           ✓                                                Insufficient cpu",
      "node-gpu   ✓                   ✓           node(s) had untolerated taint {dedicated: gpu}   -",
      "Skipped (nothing to check for this pod): NodeName, NodeAffinity, InterPodAffinity",
      "",
      "Scores: no feasible node to score.",
      "",
    ].join("\n"),
  );
});

Deno.test("kclone explain-schedule shows a placed pod's scores with the chosen node", async () => {
  const pods = await run("get", "pods", "-l", "app=web", "-o", "name");
  const name = pods.stdout.split("\n")[0].replace("pod/", "");
  const { code, stdout } = await run("explain-schedule", name);
  assert.equal(code, 0);
  assert.match(stdout, /^Node: {6}node-a\n/m);
  assert.match(stdout, /^NODE +TaintToleration ×3 +NodeResourcesFit ×1 .*TOTAL$/m);
  assert.match(stdout, /^node-a +\S+ +\S+ .*\d+$/m);
  assert.equal(
    (await run("explain-schedule", "nope")).stderr,
    'Error from server (NotFound): pods "nope" not found\n',
  );
});
