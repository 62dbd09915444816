/**
 * The Cluster facade: one object that wires the store and everything that acts on it.
 *
 * @module
 */
export * from "./cluster.ts";
export * from "./apply.ts";
export * from "./apply_plan.ts";
export * from "./three_way_merge.ts";
export * from "./namespaces.ts";
export * from "./service_writes.ts";
export * from "./control_loops.ts";
export * from "./routing.ts";
export * from "./node_usage.ts";
export * from "./delete.ts";
