import { BadRequestError, NotFoundError } from "../api/errors.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { PatchTarget } from "./patch_object.ts";

/** The policy/v1 (or v1beta1) Eviction a client posts to `pods/{name}/eviction`. */
export interface Eviction {
  /** `policy/v1` or `policy/v1beta1`. */
  apiVersion?: string;
  /** Always `Eviction`. */
  kind?: string;
  /** The pod's name and namespace. */
  metadata?: { name?: string; namespace?: string };
  /** Options of the pod's deletion; `dryRun: ["All"]` evicts nothing. */
  deleteOptions?: { dryRun?: string[] };
}

/** Options of evictPod(). */
export interface EvictPodOptions {
  /** True for `dryRun=All`: check everything, delete nothing. */
  dryRun?: boolean;
}

const VERSIONS = new Set(["policy/v1", "policy/v1beta1"]);

/**
 * Evicts a pod as kube-apiserver's eviction subresource does: checks the Eviction against the
 * URL, then deletes the pod. kclone has no PodDisruptionBudgets, so every eviction is allowed.
 */
export async function evictPod(
  cluster: Cluster,
  body: unknown,
  target: PatchTarget,
  options: EvictPodOptions = {},
): Promise<void> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new BadRequestError("Object 'Eviction' is not a JSON object");
  }
  const eviction = body as Eviction;
  if (
    (eviction.kind ?? "Eviction") !== "Eviction" ||
    !VERSIONS.has(eviction.apiVersion ?? "policy/v1")
  ) {
    throw new BadRequestError(
      `${String(eviction.kind)} in version "${
        String(eviction.apiVersion)
      }" cannot be handled as a Eviction: the object does not match the resource of the request`,
    );
  }
  if (eviction.metadata?.name !== target.name) {
    throw new BadRequestError("name in URL does not match name in Eviction object");
  }
  const namespace = eviction.metadata?.namespace;
  if (namespace && namespace !== target.namespace) {
    throw new BadRequestError(
      "the namespace of the provided object does not match the namespace sent on the request",
    );
  }
  const pod = await cluster.get("Pod", target.name, { namespace: target.namespace });
  if (!pod) throw new NotFoundError("pods", target.name);
  const dryRun = options.dryRun || (eviction.deleteOptions?.dryRun ?? []).includes("All");
  if (dryRun) return;
  await cluster.delete("Pod", target.name, { namespace: target.namespace });
}
