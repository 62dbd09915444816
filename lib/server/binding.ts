import { rfc3339 } from "../api/clock.ts";
import {
  BadRequestError,
  ConflictError,
  InvalidError,
  NotFoundError,
  requiredValue,
  unsupportedValue,
} from "../api/errors.ts";
import type { Pod } from "../api/types.ts";
import type { Cluster } from "../cluster/cluster.ts";
import type { PatchTarget } from "./patch_object.ts";

/** The v1 Binding a scheduler posts to `pods/{name}/binding`. */
export interface Binding {
  /** `v1`. */
  apiVersion?: string;
  /** Always `Binding`. */
  kind?: string;
  /** The pod's name (and namespace). */
  metadata?: { name?: string; namespace?: string };
  /** The node to bind to: `{ apiVersion: "v1", kind: "Node", name }`. */
  target?: { apiVersion?: string; kind?: string; name?: string };
}

/**
 * Binds an unbound pod to a node as kube-apiserver's binding subresource does: sets
 * `spec.nodeName` and the PodScheduled condition; Conflict when the pod already has a node.
 * Returns the updated pod.
 */
export async function bindPod(
  cluster: Cluster,
  body: unknown,
  target: PatchTarget,
): Promise<Pod> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new BadRequestError("Object 'Binding' is not a JSON object");
  }
  const binding = body as Binding;
  if ((binding.kind ?? "Binding") !== "Binding" || (binding.apiVersion ?? "v1") !== "v1") {
    throw new BadRequestError(
      `${String(binding.kind)} in version "${
        String(binding.apiVersion)
      }" cannot be handled as a Binding: the object does not match the resource of the request`,
    );
  }
  if (binding.metadata?.name !== target.name) {
    throw new BadRequestError("name in URL does not match name in Binding object");
  }
  const kind = binding.target?.kind ?? "";
  const node = binding.target?.name ?? "";
  const causes = [
    ...(kind !== "" && kind !== "Node"
      ? [unsupportedValue("target.kind", kind, ["Node", "<empty>"])]
      : []),
    ...(node === "" ? [requiredValue("target.name")] : []),
  ];
  if (causes.length > 0) throw new InvalidError("Binding", target.name, causes);
  const pod = await cluster.get("Pod", target.name, { namespace: target.namespace });
  if (!pod) throw new NotFoundError("pods", target.name);
  if (pod.spec.nodeName) {
    throw new ConflictError(
      "pods/binding",
      target.name,
      `pod ${target.name} is already assigned to node "${pod.spec.nodeName}"`,
    );
  }
  const now = rfc3339(cluster.clock.now());
  const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== "PodScheduled");
  conditions.push({ type: "PodScheduled", status: "True", lastTransitionTime: now });
  return await cluster.update<Pod>({
    ...pod,
    spec: { ...pod.spec, nodeName: node },
    status: { ...pod.status, conditions },
  });
}
