/**
 * Manifests several tests apply: nodes with a capacity, and the `web` Deployment.
 *
 * @module
 */

/** Nodes (YAML documents) with 4 CPUs, 8Gi and 110 pods each. */
export function nodeManifests(...names: string[]): string {
  return names.map((name) =>
    `apiVersion: v1
kind: Node
metadata: { name: ${name} }
status: { capacity: { cpu: "4", memory: 8Gi, pods: "110" } }
`
  ).join("---\n");
}

/** What the `web` Deployment asks for. */
export interface WebDeploymentOptions {
  /** Replicas (default 3). */
  replicas?: number;
  /** The container's image (default `nginx:1.27`). */
  image?: string;
  /** Requests per pod, e.g. `{ cpu: "500m", memory: "128Mi" }` (default none). */
  requests?: { cpu: string; memory: string };
}

/** The Deployment `web` (label `app: web`, one container `web`) as YAML. */
export function webDeployment(options: WebDeploymentOptions = {}): string {
  const { replicas = 3, image = "nginx:1.27", requests } = options;
  const resources = requests
    ? `\n          resources: { requests: { cpu: "${requests.cpu}", memory: ${requests.memory} } }`
    : "";
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: ${image}${resources}
`;
}
