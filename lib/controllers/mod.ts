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
