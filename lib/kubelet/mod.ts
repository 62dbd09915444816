/**
 * The node agent. For now a simulated kubelet that runs inside the control plane: it heartbeats
 * each node through its Lease, keeps the node Ready, and runs the pods bound to it with a
 * simulated container runtime (IPs from the node's pod CIDR, containers that start at once).
 *
 * @module
 */
export * from "./simulated_kubelet.ts";
