import { type KindInfo, KINDS } from "../api/kinds.ts";
import { VERSION } from "../version.ts";
import { subresourceEntries } from "./subresource_discovery.ts";
import { KUBERNETES_VERSION } from "./kubernetes_version.ts";

export { KUBERNETES_VERSION } from "./kubernetes_version.ts";

/** The verbs kclone's API server answers on every resource. */
export const RESOURCE_VERBS: readonly string[] = [
  "create",
  "delete",
  "get",
  "list",
  "patch",
  "update",
  "watch",
];

/** The resources in kubectl's `all` category, as kube-apiserver lists them (`kubectl get all`). */
const ALL_CATEGORY: ReadonlySet<string> = new Set(["Pod", "Service", "Deployment", "ReplicaSet"]);

/** `/version`: version.Info as kube-apiserver reports it. */
export interface VersionInfo {
  /** Major version, e.g. `1`. */
  major: string;
  /** Minor version, e.g. `32`. */
  minor: string;
  /** Semantic version with kclone's own as build metadata, e.g. `v1.32.0+kclone.0.1.0`. */
  gitVersion: string;
  /** Source commit (not tracked: empty). */
  gitCommit: string;
  /** `clean`. */
  gitTreeState: string;
  /** Build date (not tracked). */
  buildDate: string;
  /** The runtime, e.g. `deno2.9.6`. */
  goVersion: string;
  /** The compiler, here `deno`. */
  compiler: string;
  /** `linux/amd64` and the like. */
  platform: string;
}

/** The body of `/version`. */
export function versionInfo(): VersionInfo {
  const { major, minor, patch } = KUBERNETES_VERSION;
  return {
    major,
    minor,
    gitVersion: `v${major}.${minor}.${patch}+kclone.${VERSION}`,
    gitCommit: "",
    gitTreeState: "clean",
    buildDate: "1970-01-01T00:00:00Z",
    goVersion: `deno${Deno.version.deno}`,
    compiler: "deno",
    platform: `${Deno.build.os}/${Deno.build.arch === "x86_64" ? "amd64" : "arm64"}`,
  };
}

/** `/api`: the core group's versions (APIVersions). */
export function apiVersions(serverAddress = ""): Record<string, unknown> {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

/** The named groups kclone serves (not the core group), in KINDS order. */
function servedGroups(): { group: string; version: string }[] {
  const seen = new Map<string, string>();
  for (const k of KINDS) {
    if (k.served && k.group && !seen.has(k.group)) seen.set(k.group, k.version);
  }
  return [...seen].map(([group, version]) => ({ group, version }));
}

/** One group of `/apis` (APIGroup): its versions and the preferred one. */
export function apiGroup(group: string): Record<string, unknown> | undefined {
  const found = servedGroups().find((g) => g.group === group);
  if (!found) return undefined;
  const gv = { groupVersion: `${group}/${found.version}`, version: found.version };
  return { kind: "APIGroup", apiVersion: "v1", name: group, versions: [gv], preferredVersion: gv };
}

/** `/apis`: every named group kclone serves (APIGroupList). */
export function apiGroupList(): Record<string, unknown> {
  const groups = servedGroups().map(({ group }) => {
    const { kind: _kind, apiVersion: _apiVersion, ...rest } = apiGroup(group)!;
    return rest;
  });
  return { kind: "APIGroupList", apiVersion: "v1", groups };
}

/** The served kinds of a group version, e.g. (`apps`, `v1`). */
export function servedKinds(group: string, version: string): KindInfo[] {
  return KINDS.filter((k) => k.served && k.group === group && k.version === version);
}

/**
 * `/api/v1` and `/apis/{group}/{version}`: the resources of a group version (APIResourceList),
 * or undefined for one kclone does not serve.
 */
export function apiResourceList(
  group: string,
  version: string,
): Record<string, unknown> | undefined {
  const kinds = servedKinds(group, version);
  if (kinds.length === 0) return undefined;
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: group ? `${group}/${version}` : version,
    resources: kinds.flatMap((k) => [{
      name: k.resource,
      singularName: k.singular,
      namespaced: k.namespaced,
      kind: k.kind,
      verbs: [...RESOURCE_VERBS],
      ...(k.shortNames.length > 0 ? { shortNames: [...k.shortNames] } : {}),
      ...(ALL_CATEGORY.has(k.kind) ? { categories: ["all"] } : {}),
    }, ...subresourceEntries(k)]),
  };
}
