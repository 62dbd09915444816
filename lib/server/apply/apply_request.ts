import { parse } from "yaml";
import { ApiError, BadRequestError } from "../../api/errors.ts";
import type { KindInfo } from "../../api/kinds.ts";
import type { AnyObject } from "../../api/types.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import { writeObject, type WriteResult } from "../write_object.ts";
import { kindFieldSchema } from "./field_schema.ts";
import { serverSideApply } from "./server_side_apply.ts";

/** The object an apply PATCH names. */
export interface ApplyTarget {
  /** Object name. */
  name: string;
  /** Namespace, for namespaced kinds. */
  namespace?: string;
}

/** What an apply request did: the write, and whether it created the object. */
export interface ApplyResult extends WriteResult {
  /** True when the object did not exist before (the response is then 201). */
  created: boolean;
}

/**
 * Answers a server-side apply (`PATCH` with `application/apply-patch+yaml`, what
 * `kubectl apply --server-side` sends): creates the object when absent, else merges the applied
 * configuration for the request's `fieldManager`, with `force` taking fields from other
 * managers.
 */
export async function applyRequest(
  cluster: Cluster,
  request: Request,
  info: KindInfo,
  body: string,
  target: ApplyTarget,
): Promise<ApplyResult> {
  const query = new URL(request.url).searchParams;
  const manager = query.get("fieldManager") ?? "";
  if (manager === "") throw new BadRequestError("fieldManager is required for apply requests");
  const applied = appliedConfiguration(body, info, target);
  const options = {
    manager,
    force: query.get("force") === "true",
    apiVersion: info.apiVersion,
    schema: kindFieldSchema(info),
  };
  for (let attempt = 1;; attempt++) {
    const live = await cluster.get(info.kind, target.name, { namespace: target.namespace });
    const now = new Date(cluster.clock.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
    const merged = serverSideApply(live as Record<string, unknown> | undefined, applied, {
      ...options,
      now,
    }) as unknown as AnyObject;
    try {
      if (!live) return { ...await writeObject(cluster, "create", merged, query), created: true };
      merged.metadata.resourceVersion = live.metadata.resourceVersion;
      return { ...await writeObject(cluster, "update", merged, query), created: false };
    } catch (error) {
      // Another writer got in between: apply again to what is there now, as kube-apiserver does.
      const raced = error instanceof ApiError &&
        (error.reason === "Conflict" || error.reason === "AlreadyExists");
      if (!raced || attempt >= 10) throw error;
    }
  }
}

/** The configuration in an apply body (YAML or JSON), checked against the request's target. */
function appliedConfiguration(
  body: string,
  info: KindInfo,
  target: ApplyTarget,
): Record<string, unknown> {
  let object: unknown;
  try {
    object = parse(body);
  } catch (error) {
    throw new BadRequestError(`error decoding YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  if (typeof object !== "object" || object === null || Array.isArray(object)) {
    throw new BadRequestError("error decoding patch: the apply configuration is not an object");
  }
  const applied = object as Record<string, unknown>;
  if (applied.kind !== info.kind || applied.apiVersion !== info.apiVersion) {
    throw new BadRequestError(
      `the apply configuration is a ${String(applied.kind)} in ${
        String(applied.apiVersion)
      }, but the request is for ${info.resource} in ${info.apiVersion}`,
    );
  }
  const metadata = (applied.metadata ??= {}) as Record<string, unknown>;
  if (metadata.managedFields !== undefined) {
    throw new BadRequestError("metadata.managedFields must be nil");
  }
  metadata.name ??= target.name;
  if (metadata.name !== target.name) {
    throw new BadRequestError(
      `the name of the object (${
        String(metadata.name)
      }) does not match the name on the URL (${target.name})`,
    );
  }
  if (target.namespace !== undefined) {
    metadata.namespace ??= target.namespace;
    if (metadata.namespace !== target.namespace) {
      throw new BadRequestError(
        "the namespace of the provided object does not match the namespace sent on the request",
      );
    }
  }
  return applied;
}
