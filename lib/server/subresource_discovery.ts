import type { KindInfo } from "../api/kinds.ts";
import type { Kind } from "../api/types.ts";

/** One subresource as an APIResourceList lists it, e.g. `pods/eviction`. */
export interface SubresourceEntry {
  /** `resource/subresource`, e.g. `pods/eviction`. */
  name: string;
  /** Empty, as kube-apiserver leaves it for subresources. */
  singularName: string;
  /** The parent resource's scope. */
  namespaced: boolean;
  /** The group of the subresource's kind, when it differs from the parent's (`policy`). */
  group?: string;
  /** The version of the subresource's kind, when its group differs (`v1`). */
  version?: string;
  /** The kind posted or answered, e.g. `Eviction`. */
  kind: string;
  /** What a client may do on it. */
  verbs: string[];
}

type Sub = [name: string, kind: string, verbs: string[], groupVersion?: string];

const STATUS_VERBS = ["get", "patch", "update"];

/** kclone's subresources per kind, in kube-apiserver's (alphabetical) order. */
const SUBRESOURCES: Partial<Record<Kind, Sub[]>> = {
  Namespace: [["status", "Namespace", STATUS_VERBS]],
  Node: [["status", "Node", STATUS_VERBS]],
  Deployment: [
    ["scale", "Scale", STATUS_VERBS, "autoscaling/v1"],
    ["status", "Deployment", STATUS_VERBS],
  ],
  ReplicaSet: [
    ["scale", "Scale", STATUS_VERBS, "autoscaling/v1"],
    ["status", "ReplicaSet", STATUS_VERBS],
  ],
  Pod: [
    ["binding", "Binding", ["create"]],
    ["eviction", "Eviction", ["create"], "policy/v1"],
    ["log", "Pod", ["get"]],
    ["status", "Pod", STATUS_VERBS],
  ],
  Service: [["status", "Service", STATUS_VERBS]],
};

/**
 * The subresources of a kind as discovery lists them after the resource itself. `kubectl drain`
 * evicts (rather than deletes) only when `/api/v1` lists `pods/eviction` with kind Eviction and a
 * group and version.
 */
export function subresourceEntries(info: KindInfo): SubresourceEntry[] {
  return (SUBRESOURCES[info.kind] ?? []).map(([sub, kind, verbs, groupVersion]) => {
    const [group, version] = groupVersion?.split("/") ?? [];
    return {
      name: `${info.resource}/${sub}`,
      singularName: "",
      namespaced: info.namespaced,
      ...(group ? { group, version } : {}),
      kind,
      verbs: [...verbs],
    };
  });
}
