/**
 * The control loops: the informer cache, work queues, the controller interface, and the
 * ControlPlane that runs them (settle() for deterministic quiescence).
 *
 * @module
 */
export * from "./cluster_cache.ts";
export * from "./work_queue.ts";
export * from "./controller.ts";
export * from "./event_recorder.ts";
export * from "./control_plane.ts";
export * from "./settle_checkpoint.ts";
export * from "./leader_election.ts";
export * from "./endpoints.ts";
export * from "./replicaset.ts";
export * from "./deployment.ts";
export * from "./rollback.ts";
export * from "./node_ipam.ts";
export * from "./node_lifecycle.ts";
export * from "./garbage_collector.ts";
export * from "./foreground_dependents.ts";
