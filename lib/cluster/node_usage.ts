import type { Node, Pod } from "../api/types.ts";
import { NodeInfoCache } from "../scheduler/node_info_cache.ts";

/** One resource of a node: what its pods request and what it can give. */
export interface ResourceUsage {
  /** Sum of the requests of the pods on the node (milli-CPU, bytes or a count). */
  requested: number;
  /** What the node can give to pods. */
  allocatable: number;
}

/** How full a node is, as `kubectl describe node` shows under "Allocated resources". */
export interface NodeUsage {
  /** Node name. */
  name: string;
  /** Status of the Ready condition. */
  ready: "True" | "False" | "Unknown";
  /** Cordoned. */
  unschedulable: boolean;
  /** CPU in milli-CPU. */
  cpu: ResourceUsage;
  /** Memory in bytes. */
  memory: ResourceUsage;
  /** Pod count. */
  pods: ResourceUsage;
}

/** The usage of every node, from the nodes and the pods bound to them, ordered by name. */
export function nodeUsage(nodes: readonly Node[], pods: readonly Pod[]): NodeUsage[] {
  const cache = new NodeInfoCache();
  for (const node of nodes) cache.addNode(node);
  for (const pod of pods) cache.addPod(pod);
  return nodes.map((node) => cache.get(node.metadata.name!)!).map((info) => ({
    name: info.name,
    ready: info.ready,
    unschedulable: info.unschedulable,
    cpu: { requested: info.requestedMilliCPU, allocatable: info.allocatableMilliCPU },
    memory: { requested: info.requestedMemory, allocatable: info.allocatableMemory },
    pods: { requested: info.podCount, allocatable: info.allocatablePods },
  })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
