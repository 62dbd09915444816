import type { Pod } from "../lib/api/types.ts";

/** A realistic pod as the controllers will write it: labels, one container, requests, status. */
export function benchPod(i: number, prefix = "web"): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `${prefix}-${i}`,
      namespace: "default",
      labels: { app: prefix, "pod-template-hash": "5d9c8b7f6" },
    },
    spec: {
      nodeName: `node-${i % 1000}`,
      containers: [{
        name: "web",
        image: "nginx:1.27",
        ports: [{ containerPort: 80, protocol: "TCP" }],
        resources: { requests: { cpu: "100m", memory: "128Mi" } },
      }],
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
    },
    status: { phase: "Running", podIP: `10.244.${(i >> 8) & 255}.${i & 255}` },
  };
}
