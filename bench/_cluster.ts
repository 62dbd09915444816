import type { Deployment, Node } from "../lib/api/types.ts";

/** `count` simulated nodes named node-0000.. with the given capacity. */
export function benchNodes(count: number, cpu = "32", memory = "128Gi", pods = "110"): Node[] {
  return Array.from({ length: count }, (_, i) => ({
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: `node-${String(i).padStart(4, "0")}` },
    status: { capacity: { cpu, memory, pods } },
  }));
}

/** A Deployment of `replicas` small pods (100m, 128Mi). */
export function benchDeployment(name: string, replicas: number): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{
            name: "web",
            image: "nginx:1.27",
            ports: [{ containerPort: 80, name: "http" }],
            resources: { requests: { cpu: "100m", memory: "128Mi" } },
          }],
        },
      },
    },
  };
}
