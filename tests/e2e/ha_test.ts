import assert from "node:assert/strict";
import type { Pod, Service } from "../../lib/api/types.ts";
import { ETCD_MISSING, etcdPresent, startEtcdCluster } from "../store/_etcd_member.ts";
import {
  type HaServer,
  leaseHolder,
  listItems,
  nodeManifests,
  pollUntil,
  serverOf,
  startHaServer,
} from "./_ha.ts";
import { KCLONE_ETCD_FLAGS } from "./_etcd_server.ts";
import { kubectl, kubectlPresent } from "./_kubectl.ts";

/** kube-controller-manager's lease duration, which kclone's control loops use too. */
const LEASE_DURATION_MS = 15_000;

/** The identity every server reads as the leader's, once they all agree on one. */
async function agreedLeader(servers: HaServer[]): Promise<string> {
  let holders: string[] = [];
  const agreed = await pollUntil(async () => {
    holders = await Promise.all(servers.map((server) => leaseHolder(server.url)));
    return holders[0] !== "" && holders.every((holder) => holder === holders[0]);
  }, 10_000);
  assert.ok(agreed, `the servers read these lease holders: ${holders.join(", ")}`);
  return holders[0];
}

/** Running pods of the Deployment `name` (by its `app` label), as `server` lists them. */
async function runningPods(server: HaServer, name: string): Promise<Pod[]> {
  const pods = await listItems<Pod>(
    server.url,
    `/api/v1/namespaces/default/pods?labelSelector=app%3D${name}`,
  );
  return pods.filter((pod) => pod.status?.phase === "Running");
}

/** Creates Services `names` through `server`, all at once. */
function createServices(server: HaServer, names: string[]): Promise<void>[] {
  return names.map(async (name) => {
    const result = await kubectl(server.kubeconfig, [
      "create",
      "service",
      "clusterip",
      name,
      "--tcp",
      "80",
    ]);
    assert.equal(result.stdout, `service/${name} created\n`, result.stderr);
  });
}

/**
 * Runs `kubectl get pods -w --output-watch-events` through `server`; once it has listed, runs
 * `act` and waits (up to 10 s) until its output has a line matching `line`. Resolves to stdout.
 */
async function watchUntil(
  server: HaServer,
  line: RegExp,
  act: () => Promise<void>,
): Promise<string> {
  const child = new Deno.Command("kubectl", {
    args: ["--kubeconfig", server.kubeconfig, "get", "pods", "-w", "--output-watch-events"],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let stdout = "", stderr = "";
  const read = async (stream: ReadableStream<Uint8Array>, into: (text: string) => void) => {
    for await (const text of stream.pipeThrough(new TextDecoderStream())) into(text);
  };
  const drained = Promise.all([
    read(child.stdout, (text) => stdout += text),
    read(child.stderr, (text) => stderr += text),
  ]);
  try {
    // kubectl lists first (there is a pod to print), then watches from the list's
    // resourceVersion: whatever happens after the list is seen.
    const listed = await pollUntil(() => stdout.includes("\n"), 10_000);
    assert.ok(listed, `kubectl did not list: ${stdout}${stderr}`);
    await act();
    assert.ok(await pollUntil(() => line.test(stdout), 10_000), `kubectl printed: ${stdout}`);
    return stdout;
  } finally {
    child.kill();
    await child.status;
    await drained;
  }
}

if (!etcdPresent() || !await kubectlPresent()) {
  const why = etcdPresent() ? "kubectl is not installed: skipped" : ETCD_MISSING;
  Deno.test({ name: `kclone servers on one etcd: ${why}`, ignore: true, fn() {} });
} else {
  Deno.test("three kclone servers on one etcd cluster: one leads, all serve; the leader killed, another takes over", async (t) => {
    const etcd = await startEtcdCluster({ size: 3, flags: KCLONE_ETCD_FLAGS });
    const dir = await Deno.makeTempDir({ prefix: "kclone-ha-" });
    const servers = await Promise.all(
      ["a", "b", "c"].map((name) => startHaServer(etcd.urls, `${dir}/${name}`)),
    );
    try {
      const [a, b, c] = servers;
      let survivors = servers;
      await t.step("exactly one server holds the lease, and all read the same state", async () => {
        const leader = serverOf(await agreedLeader(servers), servers);
        assert.ok(leader, "the lease holder is one of the servers");
        const nodes = await kubectl(
          a.kubeconfig,
          ["create", "-f", "-"],
          nodeManifests(["n1", "n2", "n3"], 4),
        );
        assert.equal(nodes.stdout, "node/n1 created\nnode/n2 created\nnode/n3 created\n");
        for (const server of servers) {
          const got = await kubectl(server.kubeconfig, ["get", "nodes", "-o", "name"]);
          assert.equal(got.stdout, "node/n1\nnode/n2\nnode/n3\n");
        }
      });

      await t.step(
        "kubectl get pods -w through one server sees a pod created through another",
        async () => {
          const first = await kubectl(c.kubeconfig, ["run", "first", "--image", "nginx"]);
          assert.equal(first.stdout, "pod/first created\n");
          const seen = await watchUntil(a, /^ADDED +watched +/m, async () => {
            const run = await kubectl(b.kubeconfig, ["run", "watched", "--image", "nginx"]);
            assert.equal(run.stdout, "pod/watched created\n");
          });
          assert.match(seen, /^EVENT +NAME +READY +STATUS +RESTARTS +AGE\nADDED +first +/);
          assert.match(seen, /^ADDED +watched +0\/1 +Pending +0 +\d+s\n/m);
          const deleted = await kubectl(c.kubeconfig, ["delete", "pod", "watched", "--wait=false"]);
          assert.equal(deleted.stdout, 'pod "watched" deleted\n');
        },
      );

      await t.step(
        "SIGKILL of the leader: another leads within the lease; nothing lost or done twice",
        async () => {
          const created = await kubectl(a.kubeconfig, [
            "create",
            "deployment",
            "web",
            "--image",
            "nginx",
            "--replicas",
            "2",
          ]);
          assert.equal(created.stdout, "deployment.apps/web created\n");
          assert.ok(
            await pollUntil(async () => (await runningPods(a, "web")).length === 2, 10_000),
          );
          const before = (await runningPods(a, "web")).map((pod) => pod.metadata.name).sort();
          // Services through every server at once: the API servers allocate their ClusterIPs.
          await Promise.all(
            servers.flatMap((server, i) => createServices(server, [`s${i}a`, `s${i}b`])),
          );

          const oldIdentity = await agreedLeader(servers);
          const leader = serverOf(oldIdentity, servers)!;
          const rest = servers.filter((server) => server !== leader);
          survivors = rest;
          await leader.kill();
          const killedAt = Date.now();
          const scaled = await kubectl(rest[0].kubeconfig, [
            "scale",
            "deployment",
            "web",
            "--replicas",
            "10",
          ]);
          assert.equal(scaled.stdout, "deployment.apps/web scaled\n");
          const more = rest.flatMap((server, i) => createServices(server, [`t${i}a`, `t${i}b`]));

          let takeover = Infinity, reconciled = Infinity;
          const tookOver = pollUntil(async () => {
            const holder = await leaseHolder(rest[1].url);
            if (holder === "" || holder === oldIdentity) return false;
            takeover = Date.now() - killedAt;
            return true;
          }, LEASE_DURATION_MS + 5_000);
          const scaledUp = pollUntil(async () => {
            if ((await runningPods(rest[1], "web")).length < 10) return false;
            reconciled = Date.now() - killedAt;
            return true;
          }, LEASE_DURATION_MS + 5_000);
          assert.ok(await tookOver, "a surviving server took the lease");
          assert.ok(await scaledUp, "the deployment reached 10 running pods");
          await Promise.all(more);
          console.log(`takeover ${takeover} ms, first reconcile ${reconciled} ms after the kill`);
          assert.ok(takeover < LEASE_DURATION_MS + 1_000, `takeover after ${takeover} ms`);
          assert.ok(reconciled < LEASE_DURATION_MS + 1_000, `reconciled after ${reconciled} ms`);
          assert.ok(serverOf(await agreedLeader(rest), rest), "the new holder is a live server");

          const pods = await listItems<Pod>(
            rest[0].url,
            "/api/v1/namespaces/default/pods?labelSelector=app%3Dweb",
          );
          assert.equal(pods.length, 10, pods.map((pod) => pod.metadata.name).join(" "));
          for (const name of before) {
            assert.ok(pods.some((pod) => pod.metadata.name === name), name);
          }
          const replicaSets = await listItems(
            rest[0].url,
            "/apis/apps/v1/namespaces/default/replicasets",
          );
          assert.equal(replicaSets.length, 1);
          const perNode = new Map<string, number>();
          for (const pod of pods) {
            perNode.set(pod.spec.nodeName!, (perNode.get(pod.spec.nodeName!) ?? 0) + 1);
          }
          for (const [node, count] of perNode) {
            assert.ok(count <= 4, `${node} runs ${count} pods, room for 4`);
          }

          const services = await listItems<Service>(
            rest[1].url,
            "/api/v1/namespaces/default/services",
          );
          const ips = services.map((service) => service.spec?.clusterIP);
          assert.equal(services.length, 10);
          assert.equal(new Set(ips).size, 10, `distinct ClusterIPs: ${ips.join(" ")}`);
        },
      );

      await t.step(
        "etcd lost under the servers: 503s, then one leader acts again when it returns",
        async () => {
          const live = survivors; // the leader of the last step is dead
          const leader = serverOf(await agreedLeader(live), live)!;
          const printed = leader.output().length;
          for (const member of etcd.members) await member.kill();
          const got = await kubectl(live[0].kubeconfig, ["get", "pods"]);
          assert.equal(got.code, 1);
          assert.match(
            got.stderr,
            /^Error from server \(ServiceUnavailable\): etcd is unavailable \(http:\/\/127\.0\.0\.1:\d+: tcp connect error: Connection refused/,
          );
          // The leader's next renewal (every 2 s) fails, and it says why.
          const said = () => leader.output().slice(printed).includes("(ServiceUnavailable)");
          assert.ok(await pollUntil(said, 5_000), leader.output().slice(printed));
          await Promise.all(etcd.members.map((member) => member.start()));
          const scaled = await kubectl(live[1].kubeconfig, [
            "scale",
            "deployment",
            "web",
            "--replicas",
            "6",
          ]);
          assert.equal(scaled.stdout, "deployment.apps/web scaled\n", scaled.stderr);
          const six = async () => {
            const pods = await listItems<Pod>(
              live[0].url,
              "/api/v1/namespaces/default/pods?labelSelector=app%3Dweb",
            );
            return pods.length === 6 && pods.every((pod) => !pod.metadata.deletionTimestamp);
          };
          assert.ok(await pollUntil(six, 10_000), "the deployment scaled down to 6 pods");
          assert.ok(serverOf(await agreedLeader(live), live), "a live server leads");
        },
      );
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
      for (const member of etcd.members) await member.kill();
      await etcd.close();
      await Deno.remove(dir, { recursive: true });
    }
  });
}
