/**
 * The narrated demo behind `kclone demo`.
 *
 * @module
 */
export * from "./demo.ts";
