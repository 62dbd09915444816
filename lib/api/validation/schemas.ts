/**
 * The strict decoding schemas of the kinds and what they say of themselves (Go type names,
 * fields kept without acting on them), for the code that publishes them as OpenAPI. Not part
 * of the package's public face: zod types stay inside the package.
 *
 * @module
 */
export { schemaFor } from "./_schemas.ts";
export { metaOf, type SchemaMeta } from "./_schema_core.ts";
