/** The demo's manifests, as a user would write them. */

/** Two 4-core nodes and a tainted GPU node. */
export const NODES = `
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Node
    metadata: { name: node-a }
    status: { capacity: { cpu: "4", memory: 8Gi, pods: "110" } }
  - apiVersion: v1
    kind: Node
    metadata: { name: node-b }
    status: { capacity: { cpu: "4", memory: 8Gi, pods: "110" } }
  - apiVersion: v1
    kind: Node
    metadata: { name: node-gpu }
    spec: { taints: [{ key: dedicated, value: gpu, effect: NoSchedule }] }
    status: { capacity: { cpu: "8", memory: 32Gi, pods: "110" } }
`;

/** A web Deployment of `replicas` 1-CPU pods and its Service. */
export function web(replicas: number, image = "nginx:1.27"): string {
  return `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: ${replicas}
  strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: ${image}
          ports: [{ name: http, containerPort: 80 }]
          resources: { requests: { cpu: "1", memory: 128Mi } }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: http }]
`;
}

/** Two mistakes kube-apiserver would reject. */
export const BROKEN = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: broken }
spec:
  replicas: -2
  selector: { matchLabels: { app: api } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: api, image: api:1 }] }
`;
