import { ApiError, BadRequestError, NotFoundError } from "../api/errors.ts";
import { formatLabelSelector } from "../api/label_selector.ts";
import { type KindInfo, qualifiedResource } from "../api/kinds.ts";
import type { Deployment, ReplicaSet } from "../api/types.ts";
import type { Cluster } from "../cluster/cluster.ts";
import { readJson } from "./_body.ts";
import { methodNotAllowed, pathNotFound } from "./_responses.ts";
import { applyPatch, patchTypeOf } from "./patch.ts";
import type { PatchTarget } from "./patch_object.ts";
import { writeObject, writeResponse } from "./write_object.ts";

/** An autoscaling/v1 Scale, the `scale` subresource of deployments and replica sets. */
export interface Scale {
  /** Always `Scale`. */
  kind: "Scale";
  /** Always `autoscaling/v1`. */
  apiVersion: "autoscaling/v1";
  /** The scaled object's name, namespace, uid, resourceVersion and creationTimestamp. */
  metadata: Record<string, unknown>;
  /** The desired replicas. */
  spec: { replicas?: number };
  /** The observed replicas and the pods' label selector as text. */
  status: { replicas: number; selector?: string };
}

/**
 * Answers GET, PUT and PATCH on `deployments/{name}/scale` and `replicasets/{name}/scale` with
 * an autoscaling/v1 Scale, as `kubectl scale` uses them; writes go to `spec.replicas`.
 */
export async function handleScale(
  cluster: Cluster,
  request: Request,
  info: KindInfo,
  target: PatchTarget,
): Promise<Response> {
  if (info.kind !== "Deployment" && info.kind !== "ReplicaSet") return pathNotFound();
  if (!["GET", "PUT", "PATCH"].includes(request.method)) return methodNotAllowed();
  const body = request.method === "GET" ? undefined : await readJson(request) ?? {};
  const query = new URL(request.url).searchParams;
  // Without a resourceVersion in the request, a write that lost a race with a controller is
  // applied again to the new current object, as kube-apiserver's GuaranteedUpdate does.
  for (let attempt = 1;; attempt++) {
    const current = await cluster.get(info.kind, target.name, { namespace: target.namespace });
    if (!current) throw new NotFoundError(qualifiedResource(info.kind), target.name);
    const scale = scaleOf(current);
    if (request.method === "GET") return writeResponse({ object: scale as never, warnings: [] });
    const wanted = request.method === "PUT"
      ? body
      : applyPatch(scale, body, patchTypeOf(request.headers.get("content-type")));
    const replicas = (wanted as Partial<Scale> | undefined)?.spec?.replicas;
    if (typeof replicas !== "number" || !Number.isInteger(replicas)) {
      throw new BadRequestError(
        'Scale in version "v1" cannot be handled as a Scale: spec.replicas must be an integer',
      );
    }
    const version = (wanted as Scale).metadata?.resourceVersion;
    const pinned = request.method === "PUT" && typeof version === "string" && version !== "";
    const updated = structuredClone(current);
    updated.spec.replicas = replicas;
    if (pinned) updated.metadata.resourceVersion = version;
    try {
      const { object } = await writeObject(cluster, "update", updated, query);
      return writeResponse({ object: scaleOf(object as Deployment) as never, warnings: [] });
    } catch (error) {
      const conflict = error instanceof ApiError && error.reason === "Conflict";
      if (!conflict || pinned || attempt >= 10) throw error;
    }
  }
}

function scaleOf(object: Deployment | ReplicaSet): Scale {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: object.spec.replicas ?? 1 },
    status: {
      replicas: object.status?.replicas ?? 0,
      selector: formatLabelSelector(object.spec.selector ?? {}),
    },
  };
}
