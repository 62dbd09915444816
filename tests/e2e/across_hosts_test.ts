/**
 * kclone across machines, with network namespaces for machines: two agents, each in a namespace
 * of its own joined to the host by a veth pair, reach two `kclone server`s on the host over a
 * real, non-loopback address with TLS and the bearer token. They register, run a Deployment's
 * pods, serve their logs to the servers over their own addresses and answer a NodePort there;
 * when server A is killed they go on through B. Skipped, saying why, without root, network
 * namespaces, etcd, openssl, python3 or kubectl.
 */
import assert from "node:assert/strict";
import type { Lease, Node, Pod } from "../../lib/api/types.ts";
import { ETCD_BINARY, etcdPresent } from "../store/_etcd_member.ts";
import { startAcrossHosts } from "./_across_hosts.ts";
import {
  alive,
  containerPid,
  httpDeployment,
  httpGet,
  isReady,
  nodePortService,
  randomNodePort,
  waitFor,
} from "./_agent_workloads.ts";
import { kubectl, kubectlPresent } from "./_kubectl.ts";
import { netnsUnavailable } from "./_netns.ts";

async function runs(command: string, ...args: string[]): Promise<boolean> {
  try {
    return (await new Deno.Command(command, { args, stdout: "null", stderr: "null" }).output())
      .success;
  } catch {
    return false;
  }
}

async function skipReason(): Promise<string | undefined> {
  if (!etcdPresent()) return `${ETCD_BINARY} is absent (Debian's etcd-server package)`;
  if (!(await runs("openssl", "version"))) return "openssl is not installed";
  if (!(await runs("python3", "--version"))) return "python3 is not installed";
  if (!(await kubectlPresent())) return "kubectl is not installed";
  return await netnsUnavailable();
}

const skip = await skipReason();
if (skip) console.log(`across_hosts_test: skipped: ${skip}`);

function readySince(node: Node): string | undefined {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  return ready?.status === "True" ? ready.lastTransitionTime : undefined;
}

Deno.test({
  name: "agents in network namespaces of their own run pods through two TLS servers and fail over",
  ignore: skip !== undefined,
  async fn(t) {
    const dir = await Deno.makeTempDir({ prefix: "kclone-hosts-" });
    const cluster = await startAcrossHosts(dir);
    const [a, b] = cluster.servers;
    const [h1, h2] = cluster.agents;
    // The host reaches the servers as the namespaces do: at its veth address, not loopback.
    const urlA = `https://${h1.host.hostAddress}:${a.port}`;
    const urlB = `https://${h2.host.hostAddress}:${b.port}`;
    const client = Deno.createHttpClient({ caCerts: [cluster.cert] });
    const api = async <T>(url: string, path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${url}${path}`, {
        client,
        method: body === undefined ? "GET" : "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${cluster.token}` },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
      return JSON.parse(text) as T;
    };
    const pods = async (url: string, selector: string) =>
      (await api<{ items: Pod[] }>(
        url,
        `/api/v1/namespaces/default/pods?labelSelector=${selector}`,
      ))
        .items;
    const logs = (url: string, pod: string) =>
      kubectl(a.kubeconfig, ["--server", url, "logs", pod]);
    try {
      await t.step(
        "both agents register over TLS with the token, at their own addresses",
        async () => {
          const ranges = new Set<string>();
          for (const agent of cluster.agents) {
            const node = await waitFor(`node ${agent.name} Ready`, async () => {
              const node = await api<Node>(urlA, `/api/v1/nodes/${agent.name}`);
              return readySince(node) !== undefined && node;
            }, 20_000);
            const internal = node.status?.addresses?.find((x) => x.type === "InternalIP");
            assert.equal(internal?.address, agent.host.address);
            ranges.add(node.spec?.podCIDR ?? "");
          }
          // One range per node, cut by node IPAM from the servers' --cluster-cidr.
          assert.equal(ranges.size, 2);
          for (const range of ranges) assert.match(range, /^127\.244\.\d+\.0\/24$/);
          const anonymous = await fetch(`${urlA}/api/v1/nodes`, { client });
          assert.equal(anonymous.status, 401);
          await anonymous.body?.cancel();
        },
      );

      const nodePort = randomNodePort();
      // Three cores of a node's four each: one replica fits per node, so both agents run one.
      await api(urlA, "/apis/apps/v1/namespaces/default/deployments", {
        ...httpDeployment("web", 2, { resources: { requests: { cpu: "3" } } }),
      });
      await api(urlA, "/api/v1/namespaces/default/services", nodePortService("web", nodePort));
      const web = await waitFor("a web pod running on each agent", async () => {
        const list = await pods(urlA, "app=web");
        return list.length === 2 && list.every((p) => isReady(p) && containerPid(p)) && list;
      }, 30_000);
      const podOn = new Map(web.map((p) => [p.spec.nodeName!, p]));
      assert.deepEqual([...podOn.keys()].sort(), ["h1", "h2"]);

      await t.step("kubectl logs reaches each agent through server A", async () => {
        for (const pod of podOn.values()) {
          // Ready means started (no readiness probe): the server prints its line once it listens.
          const serving = new RegExp(
            `^serving ${pod.metadata.name} on ${pod.status!.podIP}:8080\n`,
          );
          const result = await waitFor("the server's first line in its log", async () => {
            const read = await logs(urlA, pod.metadata.name!);
            return serving.test(read.stdout) || read.stderr !== "" ? read : undefined;
          });
          assert.equal(result.stderr, "");
          assert.match(result.stdout, serving);
        }
      });

      await t.step("each node's NodePort answers at its address, from its own pod", async () => {
        for (const agent of cluster.agents) {
          // The other node's pod is an endpoint too, but its address is local to its own
          // namespace: the proxy finds it refusing and moves on to the local pod, every time.
          const expected = `${podOn.get(agent.name)!.metadata.name}\n`;
          for (let i = 0; i < 4; i++) {
            const answer = await waitFor("the NodePort", async () => {
              const got = await httpGet(agent.host.address, nodePort);
              return got.status !== 0 && got;
            });
            assert.deepEqual(answer, { status: 200, body: expected });
          }
        }
      });

      const pids = new Map(web.map((p) => [p.metadata.name!, containerPid(p)!]));
      const readyTimes = new Map<string, string | undefined>();
      for (const agent of cluster.agents) {
        readyTimes.set(
          agent.name,
          readySince(await api<Node>(urlA, `/api/v1/nodes/${agent.name}`)),
        );
      }
      await a.end("SIGKILL");
      const killedAt = Date.now();

      await t.step("a pod created through B starts on h2 and shows its log", async () => {
        await api(urlB, "/api/v1/namespaces/default/pods", {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: "after-failover", labels: { app: "late" } },
          spec: {
            terminationGracePeriodSeconds: 1,
            nodeSelector: { "kubernetes.io/hostname": "h2" },
            containers: [{
              name: "c",
              image: "busybox",
              command: ["sh", "-c", "echo started after failover; exec sleep 300"],
            }],
          },
        });
        const late = await waitFor("the new pod running on h2", async () => {
          const [pod] = await pods(urlB, "app=late");
          return pod && isReady(pod) && pod;
        }, 60_000);
        assert.equal(late.spec.nodeName, "h2");
        const result = await logs(urlB, "after-failover");
        assert.deepEqual(result, { code: 0, stdout: "started after failover\n", stderr: "" });
      });

      await t.step("the nodes stay Ready through B past its grace period", async () => {
        const until = Math.max(Date.now(), killedAt) + 4_000;
        const renewals = new Map(cluster.agents.map((x) => [x.name, new Set<string>()]));
        await waitFor("4 s more of Ready nodes", async () => {
          for (const agent of cluster.agents) {
            const node = await api<Node>(urlB, `/api/v1/nodes/${agent.name}`);
            assert.equal(readySince(node), readyTimes.get(agent.name), `${agent.name} left Ready`);
            const lease = await api<Lease>(
              urlB,
              `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${agent.name}`,
            );
            renewals.get(agent.name)!.add(lease.spec?.renewTime ?? "");
          }
          return Date.now() >= until;
        }, 20_000);
        for (const [name, times] of renewals) {
          assert.ok(times.size >= 4, `${name} renewed its Lease`);
        }
      });

      await t.step("the first pods keep their processes and still answer", async () => {
        const after = await pods(urlB, "app=web");
        assert.deepEqual(after.map((p) => p.metadata.name).sort(), [...pids.keys()].sort());
        for (const pod of after) {
          assert.equal(containerPid(pod), pids.get(pod.metadata.name!));
          assert.ok(alive(pids.get(pod.metadata.name!)!), `${pod.metadata.name} still runs`);
          assert.equal(pod.status?.containerStatuses?.[0]?.restartCount, 0);
        }
        for (const agent of cluster.agents) {
          const answer = await httpGet(agent.host.address, nodePort);
          assert.deepEqual(answer, {
            status: 200,
            body: `${podOn.get(agent.name)!.metadata.name}\n`,
          });
          assert.equal(agent.ended(), false, `${agent.name} runs on`);
        }
      });
    } catch (error) {
      for (const agent of cluster.agents) console.error(`${agent.name}:\n${agent.output()}`);
      console.error(`server B:\n${b.output()}`);
      throw error;
    } finally {
      client.close();
      await cluster.close();
    }
  },
});
