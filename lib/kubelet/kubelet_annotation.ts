/**
 * The node annotation that says who runs the node: absent means the simulated kubelet,
 * `stopped` a dead kubelet (no heartbeats, no pod updates: how tests and the demo fail a node),
 * `agent` a real agent that posts for itself.
 */
export const KUBELET_ANNOTATION = "kclone.dev/kubelet";
