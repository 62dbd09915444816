/**
 * The OpenAPI v3 document of one group-version, as kube-apiserver serves it at
 * `/openapi/v3/api/v1` and `/openapi/v3/apis/<group>/<version>`.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { type KindInfo, KINDS } from "../../api/kinds.ts";
import type { Kind } from "../../api/types.ts";
import { schemaFor } from "../../api/validation/schemas.ts";
import { type Definitions, type JsonSchema, toOpenApi } from "./_definitions.ts";
import { kindPaths } from "./_paths.ts";
import { definitionName, ref } from "./_names.ts";

/** An OpenAPI 3.0 document: `openapi`, `info`, `paths` and `components.schemas`. */
export interface OpenApiDocument {
  /** Always `3.0.0`. */
  openapi: string;
  /** Title and version. */
  info: { title: string; version: string };
  /** The REST paths of the group-version's kinds. */
  paths: Record<string, unknown>;
  /** The definitions, named as Kubernetes names them (`io.k8s.api.core.v1.Pod`). */
  components: { schemas: Record<string, JsonSchema> };
}

/** A served document with its serialized form and the hash that `?hash=` carries. */
export interface CachedDocument {
  /** The document. */
  document: OpenApiDocument;
  /** The document as JSON, ready to send. */
  json: string;
  /** Upper-case hex SHA-512 of `json`, as kube-apiserver computes its ETag. */
  hash: string;
}

/** `api/v1`, `apis/apps/v1`: the key of a group-version in `/openapi/v3`. */
export function groupVersionPath(info: { group: string; version: string }): string {
  return info.group ? `apis/${info.group}/${info.version}` : `api/${info.version}`;
}

function addListDefinition(info: KindInfo, definitions: Definitions): void {
  definitions["io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"] = {
    type: "object",
    properties: {
      continue: { type: "string" },
      remainingItemCount: { type: "integer", format: "int64" },
      resourceVersion: { type: "string" },
      selfLink: { type: "string" },
    },
  };
  definitions[`${definitionName(info.kind)}List`] = {
    type: "object",
    required: ["items"],
    properties: {
      apiVersion: { type: "string" },
      items: { type: "array", items: ref(definitionName(info.kind)) },
      kind: { type: "string" },
      metadata: { allOf: [ref("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta")], default: {} },
    },
    "x-kubernetes-group-version-kind": [
      { group: info.group, version: info.version, kind: `${info.kind}List` },
    ],
  };
}

function build(kinds: KindInfo[]): OpenApiDocument {
  const definitions: Definitions = {
    "io.k8s.apimachinery.pkg.apis.meta.v1.Patch": {
      type: "object",
      description:
        "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.",
    },
  };
  let paths: Record<string, unknown> = {};
  for (const info of kinds) {
    toOpenApi(schemaFor(info.kind as Kind), definitions);
    const name = definitionName(info.kind);
    definitions[name]["x-kubernetes-group-version-kind"] = [
      { group: info.group, version: info.version, kind: info.kind },
    ];
    addListDefinition(info, definitions);
    paths = { ...paths, ...kindPaths(info, name) };
  }
  const sorted = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a < b ? -1 : 1));
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: "v1.32.0" },
    paths,
    components: { schemas: sorted },
  };
}

const cache = new Map<string, CachedDocument | undefined>();

/** The paths of the group-versions kclone serves, e.g. `api/v1`, `apis/apps/v1`. */
export function servedGroupVersions(): string[] {
  return [...new Set(KINDS.filter((k) => k.served).map(groupVersionPath))];
}

/**
 * The document of a group-version path (`api/v1`, `apis/apps/v1`) with its JSON and hash,
 * built once; undefined for a group-version kclone does not serve.
 */
export function cachedOpenApiDocument(groupVersion: string): CachedDocument | undefined {
  if (cache.has(groupVersion)) return cache.get(groupVersion);
  const kinds = KINDS.filter((k) => k.served && groupVersionPath(k) === groupVersion);
  let entry: CachedDocument | undefined;
  if (kinds.length > 0) {
    const document = build(kinds);
    const json = JSON.stringify(document);
    entry = { document, json, hash: createHash("sha512").update(json).digest("hex").toUpperCase() };
  }
  cache.set(groupVersion, entry);
  return entry;
}

/**
 * The OpenAPI v3 document of a group-version path, as served at `/openapi/v3/<path>`.
 *
 * @example
 * ```ts
 * import { openApiDocument } from "./document.ts";
 * const doc = openApiDocument("apis/apps/v1");
 * console.log(doc?.components.schemas["io.k8s.api.apps.v1.Deployment"] !== undefined); // true
 * ```
 */
export function openApiDocument(groupVersion: string): OpenApiDocument | undefined {
  return cachedOpenApiDocument(groupVersion)?.document;
}
