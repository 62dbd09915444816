import assert from "node:assert/strict";
import type { Pod } from "../../lib/api/types.ts";
import { ETCD_MISSING, etcdPresent, startEtcdCluster } from "../store/_etcd_member.ts";
import {
  etcdLeader,
  etcdLeaderless,
  listItems,
  nodeManifests,
  pollUntil,
  startHaServer,
} from "./_ha.ts";
import { KCLONE_ETCD_FLAGS } from "./_etcd_server.ts";
import { kubectl, kubectlPresent } from "./_kubectl.ts";

/** A Deployment and its Service, applied together. */
const API_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [{port: 80}]
`;

const UNAVAILABLE =
  /^Error from server \(ServiceUnavailable\): [^\n]*etcd is unavailable \([^\n]*etcdserver: no leader/m;

if (!etcdPresent() || !await kubectlPresent()) {
  const why = etcdPresent() ? "kubectl is not installed: skipped" : ETCD_MISSING;
  Deno.test({ name: `kclone server on a three-member etcd: ${why}`, ignore: true, fn() {} });
} else {
  Deno.test("kclone server on three etcd members: writes go on with one killed, fail with 503 with two, and recover", async () => {
    const etcd = await startEtcdCluster({ size: 3, flags: KCLONE_ETCD_FLAGS });
    const dir = await Deno.makeTempDir({ prefix: "kclone-quorum-" });
    const server = await startHaServer(etcd.urls, dir);
    const run = (args: string[], stdin?: string) => kubectl(server.kubeconfig, args, stdin);
    try {
      const nodes = await run(["create", "-f", "-"], nodeManifests(["n1"], 110));
      assert.equal(nodes.stdout, "node/n1 created\n");

      // etcd's leader first: the two left elect another (a write made during that election may
      // fail: etcd cannot tell whether it was done), then take writes as before.
      const leaderUrl = await etcdLeader(etcd.urls);
      const [first, second, third] = [...etcd.members]
        .sort((m) => m.clientUrl === leaderUrl ? -1 : 1);
      await first.kill();
      assert.ok(await pollUntil(async () => await etcdLeader(etcd.urls) !== undefined, 10_000));
      const one = await run(["create", "namespace", "one"]);
      assert.equal(one.stdout, "namespace/one created\n", one.stderr);
      const web = await run(["create", "deployment", "web", "--image", "nginx", "--replicas", "2"]);
      assert.equal(web.stdout, "deployment.apps/web created\n", web.stderr);

      await second.kill();
      // Once the member left knows it has no leader, etcd refuses at once what needs one.
      assert.ok(await pollUntil(() => etcdLeaderless(third.clientUrl), 10_000));
      const started = Date.now();
      const two = await run(["create", "namespace", "two"]);
      assert.equal(two.code, 1);
      assert.equal(two.stdout, "");
      assert.match(two.stderr, UNAVAILABLE);
      assert.ok(Date.now() - started < 8_000, `kubectl gave up after ${Date.now() - started} ms`);
      const applied = await run(["apply", "-f", "-"], API_MANIFEST);
      assert.equal(applied.code, 1);
      assert.match(applied.stderr, /^Error from server \(ServiceUnavailable\): /m);
      const livez = await fetch(`${server.url}/livez`);
      assert.equal(await livez.text(), "ok", "the server is up all along");

      await second.start();
      const again = await run(["create", "namespace", "two"]);
      assert.equal(again.stdout, "namespace/two created\n", again.stderr);
      // What failed left nothing behind: neither object of the apply exists.
      const none = await run(["get", "deployment/api", "service/api", "-o", "name"]);
      assert.equal(none.stdout, "");
      assert.equal(
        none.stderr,
        'Error from server (NotFound): deployments.apps "api" not found\n' +
          'Error from server (NotFound): services "api" not found\n',
      );
      const reapplied = await run(["apply", "-f", "-"], API_MANIFEST);
      assert.equal(reapplied.stdout, "deployment.apps/api created\nservice/api created\n");
      const running = async () => {
        const pods = await listItems<Pod>(server.url, "/api/v1/namespaces/default/pods");
        return pods.filter((pod) => pod.status?.phase === "Running").length === 4;
      };
      assert.ok(await pollUntil(running, 10_000), "web's 2 pods and api's 2 run");
      const namespaces = await run(["get", "namespaces", "one", "two", "-o", "name"]);
      assert.equal(namespaces.stdout, "namespace/one\nnamespace/two\n");
    } finally {
      assert.equal(await server.stop(), 0, server.output());
      for (const member of etcd.members) await member.kill();
      await etcd.close();
      await Deno.remove(dir, { recursive: true });
    }
  });
}
