/** Builders for scenario tests: a cluster on a fake clock, nodes and deployments as users write them. */
import { FakeClock } from "../../lib/api/clock.ts";
import type { Deployment, Node, Pod, Taint } from "../../lib/api/types.ts";
import { Cluster, type ClusterOptions } from "../../lib/cluster/cluster.ts";

/** A cluster in memory on a fake clock (or on `options.db`). */
export async function openCluster(
  options: ClusterOptions = {},
): Promise<{ cluster: Cluster; clock: FakeClock }> {
  const clock = new FakeClock();
  return { cluster: await Cluster.open({ clock, ...options }), clock };
}

/** What a node has. */
export interface NodeSpec {
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
}

/** A simulated node, as `kclone node-add` makes it. */
export function node(name: string, spec: NodeSpec = {}): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, labels: { "kubernetes.io/hostname": name, ...spec.labels } },
    ...(spec.taints ? { spec: { taints: spec.taints } } : {}),
    status: { capacity: { cpu: spec.cpu ?? "4", memory: spec.memory ?? "8Gi", pods: "110" } },
  };
}

/** What a deployment's pods ask for. */
export interface DeploymentSpec {
  replicas?: number;
  cpu?: string;
  memory?: string;
  image?: string;
  podSpec?: Partial<Pod["spec"]>;
  strategy?: Deployment["spec"]["strategy"];
}

/** A Deployment of one container with resource requests. */
export function deployment(name: string, spec: DeploymentSpec = {}): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas: spec.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      ...(spec.strategy ? { strategy: spec.strategy } : {}),
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{
            name,
            image: spec.image ?? "nginx:1.27",
            ports: [{ containerPort: 80, name: "http" }],
            resources: { requests: { cpu: spec.cpu ?? "1", memory: spec.memory ?? "128Mi" } },
          }],
          ...spec.podSpec,
        },
      },
    },
  };
}

/** Pod names per node, sorted, for assertions like `{ "node-a": 3 }`. */
export async function podsPerNode(cluster: Cluster, app?: string): Promise<Record<string, number>> {
  const pods = await cluster.list("Pod", app ? { labelSelector: `app=${app}` } : {});
  const counts: Record<string, number> = {};
  for (const pod of pods) {
    const where = pod.spec.nodeName ?? "<pending>";
    counts[where] = (counts[where] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a < b ? -1 : 1));
}

/** Settles and fails the test when the control plane does not converge. */
export async function settle(cluster: Cluster): Promise<void> {
  const result = await cluster.settle();
  if (!result.converged) throw new Error(`settle did not converge: ${result.errors.join("; ")}`);
}
