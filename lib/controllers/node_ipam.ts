import type { Node } from "../api/types.ts";
import type { CacheEvent } from "./cluster_cache.ts";
import type { Controller } from "./controller.ts";
import { planPodCIDRs } from "./_node_cidr.ts";

/** Options of nodeIpamController(), named after kube-controller-manager's flags. */
export interface NodeIpamOptions {
  /** The cluster's pod range (`--cluster-cidr`, default `10.244.0.0/16`). */
  clusterCIDR?: string;
  /** Prefix length of each node's range (`--node-cidr-mask-size`, default 24). */
  nodeCIDRMaskSize?: number;
}

/** The one key: ranges are planned over all nodes at once, so two nodes never get the same. */
const KEY = "nodes";

function keysFor(event: CacheEvent): string[] {
  if (event.object.kind !== "Node") return [];
  const node = event.object as Node, old = event.old as Node | undefined;
  if (event.type !== "MODIFIED") return [KEY]; // a new node, or a range set free
  const changed = node.spec?.podCIDR !== old?.spec?.podCIDR;
  return changed || !node.spec?.podCIDR || !node.spec.podCIDRs?.length ? [KEY] : [];
}

/**
 * Node IPAM, as kube-controller-manager's range allocator: gives each Node without
 * `spec.podCIDR` the lowest free range of the cluster CIDR (10.244.0.0/24, 10.244.1.0/24, ...)
 * in `spec.podCIDR` and `spec.podCIDRs`. Every write carries the node's resourceVersion; when two
 * allocators in two processes still gave one range to two nodes, the later node is given a new
 * one. When the pool is empty the node waits, with the event `CIDRNotAvailable`. Throws
 * RangeError when the mask size does not fit the cluster CIDR.
 */
export function nodeIpamController(options: NodeIpamOptions = {}): Controller {
  const pool = {
    clusterCIDR: options.clusterCIDR ?? "10.244.0.0/16",
    nodeMaskSize: options.nodeCIDRMaskSize ?? 24,
  };
  planPodCIDRs([], pool); // a bad pool is a configuration error: report it now
  return {
    name: "node-ipam-controller",
    podsOnDemand: true,
    keysFor,
    initialKeys: (cache) => cache.count("Node") > 0 ? [KEY] : [],
    async reconcile(_key, { store, cache, events }) {
      const nodes = cache.list("Node");
      const plan = planPodCIDRs(nodes, pool);
      const exhausted = new Set(plan.exhausted);
      for (const node of nodes) {
        const name = node.metadata.name!;
        const cidr = plan.assign.get(name) ??
          (node.spec?.podCIDR && !node.spec.podCIDRs?.length ? node.spec.podCIDR : undefined);
        if (cidr) {
          await store.update({ ...node, spec: { ...node.spec, podCIDR: cidr, podCIDRs: [cidr] } });
        } else if (exhausted.has(name)) {
          const message = `Node ${name} status is now: CIDRNotAvailable`;
          await events.record(
            node,
            { type: "Normal", reason: "CIDRNotAvailable", message },
            "cidrAllocator",
          );
        }
      }
    },
  };
}
