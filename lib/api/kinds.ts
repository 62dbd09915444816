import { BadRequestError } from "./errors.ts";
import type { Kind } from "./types.ts";

/** What the API knows about one kind: where it lives and how it is named. */
export interface KindInfo {
  /** The kind, e.g. `Deployment`. */
  kind: Kind;
  /** API group; empty for the core group. */
  group: string;
  /** API version within the group. */
  version: string;
  /** `apiVersion` as objects carry it, e.g. `apps/v1`. */
  apiVersion: string;
  /** Plural resource name, as in URLs and the etcd key layout, e.g. `deployments`. */
  resource: string;
  /** Singular resource name. */
  singular: string;
  /** Whether objects of this kind live in a namespace. */
  namespaced: boolean;
  /** kubectl's short names, e.g. `deploy`. */
  shortNames: string[];
  /** Whether users can reach the kind; false for internal kinds such as RangeAllocation. */
  served: boolean;
}

function info(
  kind: Kind,
  apiVersion: string,
  resource: string,
  namespaced: boolean,
  shortNames: string[],
  served = true,
): KindInfo {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  return {
    kind,
    group,
    version,
    apiVersion,
    resource,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames,
    served,
  };
}

/**
 * Every kind kclone stores, in the order they are saved and loaded. RangeAllocation comes last:
 * it is internal bookkeeping (the service IP and node port allocations), not served to users.
 */
export const KINDS: readonly KindInfo[] = [
  info("Namespace", "v1", "namespaces", false, ["ns"]),
  info("Node", "v1", "nodes", false, ["no"]),
  info("Lease", "coordination.k8s.io/v1", "leases", true, []),
  info("Deployment", "apps/v1", "deployments", true, ["deploy"]),
  info("ReplicaSet", "apps/v1", "replicasets", true, ["rs"]),
  info("Pod", "v1", "pods", true, ["po"]),
  info("Service", "v1", "services", true, ["svc"]),
  info("Endpoints", "v1", "endpoints", true, ["ep"]),
  info("Event", "v1", "events", true, ["ev"]),
  info("RangeAllocation", "v1", "rangeallocations", false, [], false),
];

const byKind = new Map(KINDS.map((k) => [k.kind, k]));

/** The KindInfo of a kind kclone stores (served or internal), or undefined. */
export function kindInfo(kind: string): KindInfo | undefined {
  return byKind.get(kind as Kind);
}

/** True when `kind` is one kclone stores (served or internal). */
export function isKind(kind: string): kind is Kind {
  return byKind.has(kind as Kind);
}

/**
 * Finds a kind by any name kubectl accepts: kind (`Deployment`), plural (`deployments`),
 * singular (`deployment`) or short name (`deploy`), case-insensitively. Internal kinds
 * (`served: false`) are never found, as kube-apiserver does not serve RangeAllocation.
 */
export function resolveKind(name: string): KindInfo | undefined {
  const lower = name.toLowerCase();
  return KINDS.find((k) => {
    if (!k.served) return false;
    // `deployment.apps` and `deployments.apps`, as kubectl prints and accepts them.
    const n = k.group && lower.endsWith(`.${k.group}`)
      ? lower.slice(0, -k.group.length - 1)
      : lower;
    return k.kind.toLowerCase() === n || k.resource === n || k.singular === n ||
      k.shortNames.includes(n);
  });
}

/** How kubectl names an object in its messages: `deployment.apps/web`, `pod/web-1`. */
export function objectRef(object: { kind: string; metadata: { name?: string } }): string {
  const info = kindInfo(object.kind);
  const resource = info
    ? info.group ? `${info.singular}.${info.group}` : info.singular
    : object.kind.toLowerCase();
  return `${resource}/${object.metadata.name ?? ""}`;
}

/**
 * BadRequest unless the object's kind is one the API serves (internal kinds such as
 * RangeAllocation are stored but never accepted from users), worded as kube-apiserver words it.
 */
export function checkServed(object: { apiVersion?: unknown; kind?: unknown }): void {
  const info = typeof object.kind === "string" ? kindInfo(object.kind) : undefined;
  if (info && !info.served) {
    throw new BadRequestError(
      `no matches for kind "${object.kind}" in version "${String(object.apiVersion ?? "")}"`,
    );
  }
}

/** A kind's resource as kube-apiserver names it in messages: `deployments.apps`, `pods`. */
export function qualifiedResource(kind: string): string {
  const info = kindInfo(kind);
  if (!info) return kind.toLowerCase();
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}
