/**
 * kclone: a small Kubernetes you can read. The same objects, control loops and API as
 * Kubernetes, in TypeScript on Deno.
 *
 * @example
 * ```ts
 * import { Cluster } from "@kclone/kclone";
 *
 * const cluster = await Cluster.open(); // in memory; { db: "kclone.db" } for SQLite
 * await cluster.apply({
 *   apiVersion: "apps/v1",
 *   kind: "Deployment",
 *   metadata: { name: "web" },
 *   spec: {
 *     replicas: 3,
 *     selector: { matchLabels: { app: "web" } },
 *     template: {
 *       metadata: { labels: { app: "web" } },
 *       spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
 *     },
 *   },
 * });
 * const web = await cluster.get("Deployment", "web");
 * console.log(web?.spec.strategy); // RollingUpdate, 25% / 25%
 * await cluster.close();
 * ```
 *
 * @module
 */
export * from "./lib/api/mod.ts";
export * from "./lib/store/mod.ts";
export * from "./lib/cluster/mod.ts";
export * from "./lib/network/mod.ts";
export * from "./lib/controllers/mod.ts";
export * from "./lib/scheduler/mod.ts";
export * from "./lib/kubelet/mod.ts";
export * from "./lib/server/mod.ts";
export { VERSION } from "./lib/version.ts";
export * from "./lib/agent/mod.ts";
