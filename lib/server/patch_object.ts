import { BadRequestError, NotFoundError } from "../api/errors.ts";
import { type KindInfo, qualifiedResource } from "../api/kinds.ts";
import type { AnyObject } from "../api/types.ts";
import type { Cluster } from "../cluster/cluster.ts";
import { readJson } from "./_body.ts";
import { applyPatch, patchTypeOf } from "./patch.ts";
import { writeObject, type WriteResult } from "./write_object.ts";

/** The object a PATCH names. */
export interface PatchTarget {
  /** Object name. */
  name: string;
  /** Namespace, for namespaced kinds. */
  namespace?: string;
}

/**
 * Answers a PATCH as kube-apiserver does: reads the current object, applies the patch its
 * Content-Type names, then admits and writes the result as an update (Conflict when the patch
 * sets a stale resourceVersion), honouring `fieldValidation` and `dryRun`.
 */
export async function patchObject(
  cluster: Cluster,
  request: Request,
  info: KindInfo,
  target: PatchTarget,
): Promise<WriteResult> {
  const type = patchTypeOf(request.headers.get("content-type"));
  if (type === "apply") applyPatch({}, {}, type); // 415 until server-side apply exists
  const body = await readJson(request);
  const current = await cluster.get(info.kind, target.name, { namespace: target.namespace });
  if (!current) throw new NotFoundError(qualifiedResource(info.kind), target.name);
  const patched = applyPatch(current, body ?? {}, type) as unknown as AnyObject;
  if (typeof patched.metadata !== "object" || patched.metadata === null) {
    throw new BadRequestError("metadata: the patched object has no metadata");
  }
  if (patched.metadata.name !== target.name) {
    throw new BadRequestError(
      `the name of the object (${
        patched.metadata.name ?? ""
      }) does not match the name on the URL (${target.name})`,
    );
  }
  if (target.namespace !== undefined && patched.metadata.namespace !== target.namespace) {
    throw new BadRequestError(
      "the namespace of the provided object does not match the namespace sent on the request",
    );
  }
  patched.metadata.resourceVersion ||= current.metadata.resourceVersion;
  return await writeObject(cluster, "update", patched, new URL(request.url).searchParams);
}
