import { isDeepStrictEqual } from "node:util";
import {
  AlreadyExistsError,
  BadRequestError,
  ConflictError,
  NotFoundError,
} from "../api/errors.ts";
import { kindInfo } from "../api/kinds.ts";
import type { AnyObject, Kind } from "../api/types.ts";
import { admitObject } from "../api/validation/mod.ts";
import { checkJsonDepth } from "../api/validation/json_depth.ts";
import type { Cluster } from "../cluster/cluster.ts";
import { checkNamespace } from "../cluster/namespaces.ts";
import { dropUnknownFields } from "./_unknown_fields.ts";

/** The result of a write: the stored (or, for a dry run, admitted) object and its warnings. */
export interface WriteResult {
  /** The object as stored, or as it would be for `dryRun=All`. */
  object: AnyObject;
  /** Lines for `Warning: 299 - "..."` response headers, e.g. `unknown field "spec.bogus"`. */
  warnings: string[];
  /** True when the write created the object (a server-side apply of a new one): 201. */
  created?: boolean;
}

const FIELD_VALIDATION = new Set(["Strict", "Warn", "Ignore"]);

/**
 * Creates or updates an object as kube-apiserver does under the request's `fieldValidation`
 * (Strict rejects unknown fields, Warn drops them with a warning each, Ignore drops them; absent
 * means Warn, as in Kubernetes) and `dryRun` (`All` admits and answers without writing).
 */
export async function writeObject(
  cluster: Cluster,
  op: "create" | "update",
  object: AnyObject,
  query: URLSearchParams,
): Promise<WriteResult> {
  // Before anything recursive (cloning, decoding) meets a body nested 10,000 levels deep.
  checkJsonDepth(object, object.kind, String(object.apiVersion).split("/").pop() ?? "");
  const validation = query.get("fieldValidation") || "Warn";
  if (!FIELD_VALIDATION.has(validation)) {
    throw new BadRequestError(
      `fieldValidation parameter unsupported: ${validation}, supported values are: Ignore, Strict, Warn`,
    );
  }
  const dryRun = query.getAll("dryRun");
  if (dryRun.some((v) => v !== "All")) {
    throw new BadRequestError(
      `Invalid dryRun value: unsupported value: ${
        JSON.stringify(dryRun.find((v) => v !== "All"))
      }, supported values: "All"`,
    );
  }
  let warnings: string[] = [];
  if (validation !== "Strict") {
    const { object: kept, dropped } = dropUnknownFields(
      object.kind as Kind,
      object as unknown as Record<string, unknown>,
    );
    object = kept as unknown as AnyObject;
    if (validation === "Warn") warnings = dropped.map((path) => `unknown field "${path}"`);
  }
  if (dryRun.length > 0) return { object: await dryRunWrite(cluster, op, object), warnings };
  if (op === "create") return { object: await cluster.create(object), warnings };
  const unchanged = await unchangedObject(cluster, object);
  return { object: unchanged ?? await cluster.update(object), warnings };
}

/** Admits as the write would, checking existence and resourceVersion, and writes nothing. */
async function dryRunWrite(cluster: Cluster, op: "create" | "update", object: AnyObject) {
  const admitted = admitObject(object).object;
  const name = admitted.metadata.name ?? "";
  const current = await cluster.get(admitted.kind as Kind, name, {
    namespace: admitted.metadata.namespace,
  });
  const resource = resourceName(admitted);
  if (op === "create") {
    await checkNamespace(cluster.store, admitted);
    if (current) throw new AlreadyExistsError(resource, name);
    return admitted;
  }
  if (!current) throw new NotFoundError(resource, name);
  const version = object.metadata.resourceVersion;
  if (version && version !== current.metadata.resourceVersion) {
    throw new ConflictError(resource, name);
  }
  admitted.metadata.resourceVersion = current.metadata.resourceVersion;
  return admitted;
}

/** The stored object when an update would change nothing: Kubernetes then writes nothing. */
async function unchangedObject(cluster: Cluster, object: AnyObject) {
  const { name, namespace, resourceVersion } = object.metadata;
  const current = await cluster.get(object.kind as Kind, name ?? "", { namespace });
  if (!current || (resourceVersion && resourceVersion !== current.metadata.resourceVersion)) {
    return undefined;
  }
  const admitted = admitObject(object).object;
  admitted.metadata.resourceVersion = current.metadata.resourceVersion;
  return isDeepStrictEqual(admitted, current) ? current : undefined;
}

/** The resource as kube-apiserver names it in messages: `pods`, `deployments.apps`. */
function resourceName(object: AnyObject): string {
  const info = kindInfo(object.kind);
  if (!info) return object.kind;
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

/** The response of a write: the object as JSON, a `Warning: 299 - "..."` header per warning. */
export function writeResponse(result: WriteResult, status = result.created ? 201 : 200): Response {
  const headers = new Headers({ "content-type": "application/json" });
  for (const w of result.warnings) headers.append("warning", `299 - ${JSON.stringify(w)}`);
  return new Response(JSON.stringify(result.object), { status, headers });
}
