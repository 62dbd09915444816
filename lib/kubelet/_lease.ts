import type { Lease, Node } from "../api/types.ts";
import { microTime } from "../controllers/leader_election.ts";

/** The namespace of node heartbeat Leases. */
export const NODE_LEASE_NAMESPACE = "kube-node-lease";

/** The heartbeat's inputs: the current Lease, the time, and how a kubelet renews. */
export interface LeaseTiming {
  /** The node's Lease as cached, if any. */
  current?: Lease;
  /** Clock time (ms). */
  now: number;
  /** Milliseconds between renewals. */
  renewIntervalMs: number;
  /** The Lease's leaseDurationSeconds. */
  leaseDurationSeconds: number;
}

/** What the heartbeat needs: the Lease to write (if any) and when to renew next. */
export interface LeasePlan {
  /** The Lease to create (no resourceVersion) or update; undefined while the current one is fresh. */
  lease?: Lease;
  /** Clock time (ms) of the next renewal. */
  renewAt: number;
}

/**
 * The node's heartbeat, as the kubelet's node lease controller keeps it: a Lease named after the
 * node, held by it, owned by the Node (so the garbage collector removes it with the node), and
 * renewed once per interval.
 */
export function planNodeLease(node: Node, timing: LeaseTiming): LeasePlan {
  const { current, now } = timing;
  const name = node.metadata.name!;
  const renewed = Date.parse(current?.spec?.renewTime ?? "");
  const fresh = current?.spec?.holderIdentity === name &&
    current.spec.leaseDurationSeconds === timing.leaseDurationSeconds &&
    renewed <= now && now - renewed < timing.renewIntervalMs;
  if (fresh) return { renewAt: renewed + timing.renewIntervalMs };
  const spec = {
    holderIdentity: name,
    leaseDurationSeconds: timing.leaseDurationSeconds,
    renewTime: microTime(now),
  };
  const lease: Lease = current ? { ...current, spec: { ...current.spec, ...spec } } : {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: {
      name,
      namespace: NODE_LEASE_NAMESPACE,
      ownerReferences: [{ apiVersion: "v1", kind: "Node", name, uid: node.metadata.uid ?? "" }],
    },
    spec,
  };
  return { lease, renewAt: now + timing.renewIntervalMs };
}
