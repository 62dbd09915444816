/**
 * kclone's agent: a node that runs real work. The Agent (the kubelet's part: node, lease, pods as
 * processes, status, logs) on three libraries: the container runtime, the probes and the service
 * proxy.
 *
 * @module
 */
export { Agent, type AgentOptions } from "./agent.ts";
export { AgentStartError } from "./agent_start_error.ts";
export {
  agentNode,
  type AgentNodeSpec,
  NODE_LEASE_NAMESPACE,
  readyCondition,
  renewedNodeLease,
} from "./agent_node.ts";
export { type AgentPodFacts, agentPodStatus } from "./agent_pod_status.ts";
export { isLoopbackIPv4, PodIPs } from "./pod_ips.ts";
export * from "./runtime/mod.ts";
export * from "./probes/mod.ts";
export * from "./proxy/mod.ts";
