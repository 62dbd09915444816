/**
 * Stores: the versioned object store with watch (memory and SQLite), and JSON snapshots.
 *
 * @module
 */
export type * from "./store.ts";
export * from "./memory.ts";
export * from "./sqlite.ts";
export * from "./snapshot.ts";
export * from "./pod_facts.ts";
export * from "./remote/mod.ts";
export * from "./etcd/mod.ts";
