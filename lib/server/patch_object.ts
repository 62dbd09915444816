import { ApiError, BadRequestError, NotFoundError } from "../api/errors.ts";
import { type KindInfo, qualifiedResource } from "../api/kinds.ts";
import type { AnyObject } from "../api/types.ts";
import type { Cluster } from "../cluster/cluster.ts";
import { readBodyText, readJson } from "./_body.ts";
import { applyRequest } from "./apply/apply_request.ts";
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
  if (type === "apply") {
    return await applyRequest(cluster, request, info, await readBodyText(request), target);
  }
  const body = await readJson(request);
  // A patch that names no resourceVersion applies to whatever is current: when another writer
  // (a controller) got in between the read and the write, read again and re-apply, as
  // kube-apiserver's GuaranteedUpdate does. A patch that names one gets its Conflict.
  for (let attempt = 1;; attempt++) {
    try {
      return await patchOnce(cluster, request, info, target, body);
    } catch (error) {
      const pinned = hasResourceVersion(body);
      if (attempt >= 10 || pinned || !(error instanceof ApiError && error.reason === "Conflict")) {
        throw error;
      }
    }
  }
}

function hasResourceVersion(patch: unknown): boolean {
  const metadata = (patch as { metadata?: { resourceVersion?: unknown } } | null)?.metadata;
  if (metadata?.resourceVersion) return true;
  return Array.isArray(patch) &&
    patch.some((op) => typeof op?.path === "string" && op.path === "/metadata/resourceVersion");
}

async function patchOnce(
  cluster: Cluster,
  request: Request,
  info: KindInfo,
  target: PatchTarget,
  body: unknown,
): Promise<WriteResult> {
  const type = patchTypeOf(request.headers.get("content-type"));
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
