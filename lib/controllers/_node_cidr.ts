import type { Node } from "../api/types.ts";

/** How the cluster's pod range is cut into node ranges. */
export interface PodCidrPool {
  /** The cluster's pod range, e.g. `10.244.0.0/16`. */
  clusterCIDR: string;
  /** Prefix length of each node's range, e.g. 24. */
  nodeMaskSize: number;
}

/** What the allocator should write. */
export interface PodCidrPlan {
  /** Node name → the range it gets (nodes without one, and the later holder of a duplicate). */
  assign: Map<string, string>;
  /** Nodes that need a range when none is left. */
  exhausted: string[];
}

function parseBlock(cidr: string): { base: number; bits: number } | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number), bits = Number(match[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const address = octets.reduce((n, o) => n * 256 + o, 0);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return { base: (address & mask) >>> 0, bits };
}

/** The i-th node range of the pool, e.g. 1 → `10.244.1.0/24`. */
function rangeAt(base: number, maskSize: number, index: number): string {
  const n = base + index * 2 ** (32 - maskSize);
  return `${[n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".")}/${maskSize}`;
}

/** Oldest first, then by name: the order in which nodes have a claim on a range. */
function byClaim(a: Node, b: Node): number {
  const ta = a.metadata.creationTimestamp ?? "", tb = b.metadata.creationTimestamp ?? "";
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata.name ?? "", nb = b.metadata.name ?? "";
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/**
 * Plans pod ranges as kube-controller-manager's range allocator hands them out: the lowest free
 * range of the pool to each node without one. A range held by two nodes (two allocators raced)
 * stays with the node that came first; the other gets a new one. Ranges set by hand are kept.
 */
export function planPodCIDRs(nodes: Node[], pool: PodCidrPool): PodCidrPlan {
  const cluster = parseBlock(pool.clusterCIDR);
  if (!cluster || pool.nodeMaskSize < cluster.bits || pool.nodeMaskSize > 32) {
    throw new RangeError(
      `node mask size ${pool.nodeMaskSize} does not fit cluster CIDR ${pool.clusterCIDR}`,
    );
  }
  const used = new Set<string>();
  const waiting: string[] = [];
  for (const node of [...nodes].sort(byClaim)) {
    const cidr = node.spec?.podCIDR;
    if (cidr && !used.has(cidr)) used.add(cidr);
    else waiting.push(node.metadata.name!);
  }
  const plan: PodCidrPlan = { assign: new Map(), exhausted: [] };
  const count = 2 ** (pool.nodeMaskSize - cluster.bits);
  let next = 0;
  for (const name of waiting) {
    while (next < count && used.has(rangeAt(cluster.base, pool.nodeMaskSize, next))) next++;
    if (next === count) {
      plan.exhausted.push(name);
      continue;
    }
    const cidr = rangeAt(cluster.base, pool.nodeMaskSize, next++);
    used.add(cidr);
    plan.assign.set(name, cidr);
  }
  return plan;
}
