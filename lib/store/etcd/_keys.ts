/**
 * The etcd key layout, as kube-apiserver lays it out: `/registry/<prefix>/<namespace>/<name>`,
 * cluster-scoped kinds without the namespace. The prefix is the plural resource name, except
 * where Kubernetes compiled in another one (its SpecialDefaultResourcePrefixes, and the
 * allocators' `ranges`), so that a reader who knows Kubernetes' etcd finds objects where expected.
 *
 * @module
 */
import { kindInfo } from "../../api/kinds.ts";

/** The root of every key kclone writes. */
export const REGISTRY = "/registry/";

/** Resources whose prefix is not their plural name (Kubernetes' compiled-in exceptions). */
const SPECIAL_PREFIXES: Record<string, string> = {
  nodes: "minions",
  services: "services/specs",
  endpoints: "services/endpoints",
  rangeallocations: "ranges",
};

function resourcePrefix(kind: string): { prefix: string; namespaced: boolean } {
  const info = kindInfo(kind);
  if (!info) throw new Error(`unknown kind ${kind}`);
  const resource = SPECIAL_PREFIXES[info.resource] ?? info.resource;
  return { prefix: `${REGISTRY}${resource}/`, namespaced: info.namespaced };
}

/** The key of one object: `/registry/pods/default/web`, `/registry/minions/node-a`. */
export function registryKey(kind: string, namespace: string | undefined, name: string): string {
  const { prefix, namespaced } = resourcePrefix(kind);
  return namespaced ? `${prefix}${namespace ?? ""}/${name}` : `${prefix}${name}`;
}

/**
 * The prefix under which the objects of a kind live, narrowed to one namespace when given (and
 * the kind is namespaced): `/registry/pods/` or `/registry/pods/default/`.
 */
export function registryPrefix(kind: string, namespace?: string): string {
  const { prefix, namespaced } = resourcePrefix(kind);
  return namespaced && namespace ? `${prefix}${namespace}/` : prefix;
}

/** The end of etcd's range for a prefix: the prefix with its last byte incremented. */
export function prefixEnd(prefix: string): string {
  const bytes = new TextEncoder().encode(prefix);
  bytes[bytes.length - 1] += 1;
  return new TextDecoder().decode(bytes);
}
