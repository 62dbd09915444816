/**
 * The OpenAPI v3 discovery document, served at `/openapi/v3`.
 *
 * @module
 */
import { cachedOpenApiDocument, servedGroupVersions } from "./document.ts";

/** `/openapi/v3`: each group-version's document URL, with its content hash. */
export interface OpenApiRoot {
  /** By group-version path (`api/v1`, `apis/apps/v1`). */
  paths: Record<string, { serverRelativeURL: string }>;
}

/** The hash of each served group-version document, by path (`api/v1`, `apis/apps/v1`). */
export function openApiHashes(): Record<string, string> {
  return Object.fromEntries(
    servedGroupVersions().map((gv) => [gv, cachedOpenApiDocument(gv)!.hash]),
  );
}

/**
 * The `/openapi/v3` document: for each group-version, the URL of its document with `?hash=`,
 * which lets kubectl cache documents until the hash changes.
 *
 * @example
 * ```ts
 * import { openApiRoot } from "./root.ts";
 * console.log(openApiRoot().paths["apis/apps/v1"].serverRelativeURL.split("?")[0]);
 * // /openapi/v3/apis/apps/v1
 * ```
 */
export function openApiRoot(hashes: Record<string, string> = openApiHashes()): OpenApiRoot {
  return {
    paths: Object.fromEntries(
      Object.entries(hashes).map(([gv, hash]) => [
        gv,
        { serverRelativeURL: `/openapi/v3/${gv}?hash=${hash}` },
      ]),
    ),
  };
}
