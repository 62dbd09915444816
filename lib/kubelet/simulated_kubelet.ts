import { isDeepStrictEqual } from "node:util";
import type { Node, Pod } from "../api/types.ts";
import type { CacheEvent } from "../controllers/cluster_cache.ts";
import type { Controller, ControllerContext } from "../controllers/controller.ts";
import { NODE_LEASE_NAMESPACE, planNodeLease } from "./_lease.ts";
import { kubeletNodeStatus, readyStatusOf } from "./_node_status.ts";
import { podNeedsKubelet, syncNodePods } from "./_pod_sync.ts";
import { KUBELET_ANNOTATION } from "./kubelet_annotation.ts";

export { KUBELET_ANNOTATION };

/** Who keeps a node alive, from its `kclone.dev/kubelet` annotation. */
export type KubeletMode = "simulated" | "stopped" | "agent";

/** Options of simulatedKubelet(). */
export interface SimulatedKubeletOptions {
  /** Milliseconds of clock time between Lease renewals (default 10,000, as the kubelet). */
  renewIntervalMs?: number;
  /** leaseDurationSeconds of the node Leases (default 40). */
  leaseDurationSeconds?: number;
}

/** Who keeps `node` alive. */
export function kubeletMode(node: Node): KubeletMode {
  const value = node.metadata.annotations?.[KUBELET_ANNOTATION];
  return value === "stopped" || value === "agent" ? value : "simulated";
}

/**
 * The node keys for a cache change, and whether the node's pods need a look (else the key is
 * for the heartbeat alone).
 */
function nodeKeyFor(event: CacheEvent): { node: string; pods: boolean } | undefined {
  const { object } = event;
  if (object.kind === "Node") {
    return event.type === "DELETED" ? undefined : { node: object.metadata.name!, pods: true };
  }
  if (object.kind === "Lease") {
    const ours = event.type === "DELETED" && object.metadata.namespace === NODE_LEASE_NAMESPACE;
    return ours ? { node: object.metadata.name!, pods: false } : undefined;
  }
  if (object.kind !== "Pod") return undefined;
  const pod = object as Pod;
  if (!pod.spec.nodeName) return undefined;
  // A deleted pod frees an IP that a waiting pod may take.
  const look = event.type === "DELETED" || podNeedsKubelet(pod);
  return look ? { node: pod.spec.nodeName, pods: true } : undefined;
}

async function postNodeStatus(node: Node, { store, clock, events }: ControllerContext) {
  const status = kubeletNodeStatus(node, clock.now());
  // Heartbeats renew the Lease; the Node is written only when its status changes.
  if (isDeepStrictEqual(status, node.status ?? {})) return node;
  const updated = await store.update({ ...node, status });
  if (readyStatusOf(node) !== "True") {
    const message = `Node ${node.metadata.name} status is now: NodeReady`;
    await events.record(
      updated,
      { type: "Normal", reason: "NodeReady", message },
      "kubelet",
      node.metadata.name,
    );
  }
  return updated;
}

/**
 * A kubelet for every node that has no real agent, with a simulated container runtime: it renews
 * the node's Lease in `kube-node-lease` every 10 s of clock time, keeps the node's status Ready
 * (writing the Node only when its status changes), starts the pods bound to the node with IPs of
 * its pod CIDR, and removes pods marked for deletion. Nodes annotated `kclone.dev/kubelet:
 * stopped` or `agent` are left alone. One key per node.
 *
 * @example
 * ```ts
 * import {
 *   ControlPlane,
 *   FakeClock,
 *   MemoryStore,
 *   nodeIpamController,
 *   simulatedKubelet,
 * } from "@kclone/kclone";
 *
 * const store = new MemoryStore();
 * await store.create({ apiVersion: "v1", kind: "Node", metadata: { name: "node-a" } });
 * const plane = new ControlPlane(store, new FakeClock(), [nodeIpamController(), simulatedKubelet()]);
 * await plane.settle();
 * const node = await store.get("Node", undefined, "node-a");
 * console.log(node?.status?.addresses); // InternalIP 172.18.0.2, Hostname node-a
 * ```
 */
export function simulatedKubelet(options: SimulatedKubeletOptions = {}): Controller {
  const timing = {
    renewIntervalMs: options.renewIntervalMs ?? 10_000,
    leaseDurationSeconds: options.leaseDurationSeconds ?? 40,
  };
  // Nodes whose pods need a look: a heartbeat that is only due reads no pods.
  const podsToSync = new Set<string>();
  return {
    name: "kubelet",
    podsOnDemand: true,
    keysFor(event) {
      const key = nodeKeyFor(event);
      if (!key) return [];
      if (key.pods) podsToSync.add(key.node);
      return [key.node];
    },
    initialKeys: (cache) =>
      cache.list("Node").map((n) => {
        podsToSync.add(n.metadata.name!);
        return n.metadata.name!;
      }),
    async reconcile(name, context) {
      const { store, cache, clock } = context;
      const node = cache.get("Node", undefined, name);
      if (!node || kubeletMode(node) !== "simulated") return;
      const now = clock.now();
      const current = cache.get("Lease", NODE_LEASE_NAMESPACE, name);
      const { lease, renewAt } = planNodeLease(node, { ...timing, current, now });
      if (lease) await (current ? store.update(lease) : store.create(lease));
      const posted = await postNodeStatus(node, context);
      if (podsToSync.delete(name)) {
        try {
          const pods = await cache.loadPodsOnNode(name);
          await syncNodePods(store, { node: posted, pods, now });
        } catch (error) {
          podsToSync.add(name);
          throw error;
        }
      }
      return { requeueAfterMs: Math.max(1, renewAt - now) };
    },
  };
}
