/**
 * OpenAPI v3 for kubectl: the `/openapi/v3` root and one document per group-version, with
 * Kubernetes' definition names and `x-kubernetes-*` extensions. kubectl uses them to leave field
 * validation to the server (fieldValidation=Strict) and for `kubectl explain`.
 *
 * @example
 * ```ts
 * import { openApiDocument, openApiRoot } from "./mod.ts";
 * console.log(Object.keys(openApiRoot().paths));
 * // ["api/v1", "apis/coordination.k8s.io/v1", "apis/apps/v1"]
 * console.log(openApiDocument("api/v1")?.openapi); // 3.0.0
 * ```
 *
 * @module
 */
export {
  type CachedDocument,
  cachedOpenApiDocument,
  groupVersionPath,
  type OpenApiDocument,
  openApiDocument,
  servedGroupVersions,
} from "./document.ts";
export { openApiHashes, type OpenApiRoot, openApiRoot } from "./root.ts";
export type { JsonSchema } from "./_definitions.ts";
