/** Where a request under /api or /apis points: a group version, and maybe a resource in it. */
export interface ApiPath {
  /** API group; empty for the core group (`/api/v1`). */
  group: string;
  /** API version, e.g. `v1`; empty for `/apis/{group}` (the group itself). */
  version: string;
  /** Namespace from `/namespaces/{namespace}/...`. */
  namespace?: string;
  /** Plural resource name, e.g. `pods`; absent for the group version's discovery document. */
  resource?: string;
  /** Object name. */
  name?: string;
  /** Subresource, e.g. `status`. */
  subresource?: string;
}

/** Subresources of a namespace itself, as kube-apiserver tells them from resources in it. */
const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);

/**
 * Splits a URL path under `/api` or `/apis` as kube-apiserver does, or undefined for any other
 * path (and for ones with too many or empty segments). `/api/v1/namespaces/dev/pods/web` reads
 * as pods `web` in `dev`; `/api/v1/namespaces/dev` as the namespace `dev` itself.
 */
export function parseApiPath(path: string): ApiPath | undefined {
  const trimmed = path.replace(/\/+$/, "");
  const segments = trimmed.split("/").slice(1).map(safeDecode);
  if (segments.some((s) => s === undefined || s === "")) return undefined;
  const parts = segments as string[];
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === "api" && parts.length >= 2) {
    [group, version, rest] = ["", parts[1], parts.slice(2)];
  } else if (parts[0] === "apis" && parts.length >= 2) {
    if (parts.length === 2) return { group: parts[1], version: "" };
    [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  } else {
    return undefined;
  }
  if (rest.length === 0) return { group, version };
  let namespace: string | undefined;
  if (rest[0] === "namespaces" && rest.length >= 3 && !NAMESPACE_SUBRESOURCES.has(rest[2])) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length > 3) return undefined;
  const [resource, name, subresource] = rest;
  return {
    group,
    version,
    ...(namespace !== undefined ? { namespace } : {}),
    resource,
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
  };
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
