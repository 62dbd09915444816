import type { Node, Taint } from "../../api/types.ts";

/** What `node-add` knows about the simulated machine. */
export interface NodeObjectOptions {
  /** CPU capacity as a quantity (default `4`). */
  cpu?: string;
  /** Memory capacity as a quantity (default `4096Mi`). */
  memory?: string;
  /** How many pods fit (default 110, as the kubelet's --max-pods). */
  pods?: number;
  /** Labels; `kubernetes.io/hostname` is set to the name unless given. */
  labels?: Record<string, string>;
  /** Taints of the node. */
  taints?: Taint[];
}

/**
 * The Node that `node-add` registers for a simulated machine: its capacity, and the labels a
 * kubelet puts on its node (`kubernetes.io/hostname`, `kubernetes.io/os`, `kubernetes.io/arch`).
 * The simulated kubelet posts the rest of its status.
 *
 * @example
 * ```ts
 * import { nodeObject } from "./node_object.ts";
 * nodeObject("node-a").status; // { capacity: { cpu: "4", memory: "4096Mi", pods: "110" } }
 * ```
 */
export function nodeObject(name: string, options: NodeObjectOptions = {}): Node {
  const node: Node = {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name,
      labels: {
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
        ...options.labels,
      },
    },
    spec: {},
    status: {
      capacity: {
        cpu: options.cpu ?? "4",
        memory: options.memory ?? "4096Mi",
        pods: String(options.pods ?? 110),
      },
    },
  };
  if (options.taints?.length) node.spec = { taints: options.taints };
  return node;
}
