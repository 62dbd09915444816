/**
 * A small cluster written straight into a database file through the library, for CLI tests to
 * read: three nodes (node-gpu tainted), a 3-replica `web` Deployment with its ClusterIP Service,
 * a NodePort Service, and a pod too big for any node (Pending). Everything is created at
 * 2000-01-01T00:00:00Z, so every AGE reads in whole years (`26y` in 2026).
 *
 * @module
 */
import { FakeClock } from "../../lib/api/clock.ts";
import { Cluster } from "../../lib/cluster/cluster.ts";

/** When the fixture's objects were created. */
export const FIXTURE_TIME: number = Date.UTC(2000, 0, 1);

/** The fixture's manifests. */
export const FIXTURE_MANIFESTS: string = `
apiVersion: v1
kind: Node
metadata: { name: node-a, labels: { disk: ssd } }
status: { capacity: { cpu: "4", memory: 8Gi, pods: "110" } }
---
apiVersion: v1
kind: Node
metadata: { name: node-b }
status: { capacity: { cpu: "4", memory: 8Gi, pods: "110" } }
---
apiVersion: v1
kind: Node
metadata: { name: node-gpu }
spec: { taints: [{ key: dedicated, value: gpu, effect: NoSchedule }] }
status: { capacity: { cpu: "8", memory: 32Gi, pods: "110" } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{ containerPort: 80 }]
          resources: { requests: { cpu: "1", memory: 128Mi } }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
---
apiVersion: v1
kind: Service
metadata: { name: web-np }
spec:
  type: NodePort
  selector: { app: web }
  ports: [{ port: 80, nodePort: 30080 }]
---
apiVersion: v1
kind: Pod
metadata: { name: big, labels: { app: big } }
spec:
  containers:
    - name: big
      image: busybox
      resources: { requests: { cpu: "64" } }
`;

/** Writes the fixture cluster into `db` and runs the control plane until it settles. */
export async function writeFixture(db: string): Promise<void> {
  const cluster = await Cluster.open({ db, clock: new FakeClock(FIXTURE_TIME) });
  try {
    await cluster.apply(FIXTURE_MANIFESTS);
    await cluster.settle();
  } finally {
    await cluster.close();
  }
}

/** Replaces every age of whole years (`26y`) by `<y>`, so golden tables hold any year. */
export function normalizeAges(text: string): string {
  return text.replace(/\b\d\dy\b/g, "<y>");
}
