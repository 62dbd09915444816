/**
 * The Kubernetes object model: types, kinds, errors, quantities, selectors, manifests,
 * defaulting and validation.
 *
 * @module
 */
export type * from "./types.ts";
export * from "./errors.ts";
export * from "./kinds.ts";
export * from "./clock.ts";
export * from "./quantity.ts";
export * from "./label_selector.ts";
export * from "./field_selector.ts";
export * from "./manifest.ts";
export * from "./defaults.ts";
export * from "./validation/mod.ts";
