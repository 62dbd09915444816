import type { Container, Pod } from "../../api/types.ts";
import { expandVariables } from "./expand_variables.ts";

/** What the agent knows about the pod beyond its object, for `valueFrom.fieldRef`. */
export interface ContainerEnvOptions {
  /** The pod's IP (status.podIP); defaults to the pod's status. */
  podIP?: string;
  /** All the pod's IPs (status.podIPs); defaults to `[podIP]`. */
  podIPs?: string[];
  /** The node's IP (status.hostIP); defaults to the pod's status. */
  hostIP?: string;
}

/** The environment of a container, or why the kubelet could not build it. */
export type ContainerEnvResult =
  | { ok: true; env: Record<string, string> }
  | { ok: false; reason: "CreateContainerConfigError"; message: string };

/** The field paths the downward API accepts for env (Kubernetes' ConvertDownwardAPIFieldLabel). */
const PLAIN_FIELDS = new Set([
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
  "spec.nodeName",
  "spec.restartPolicy",
  "spec.serviceAccountName",
  "spec.schedulerName",
  "status.phase",
  "status.hostIP",
  "status.hostIPs",
  "status.podIP",
  "status.podIPs",
]);

function subscript(path: string): [string, string] | undefined {
  const match = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(path);
  return match ? [match[1], match[2]] : undefined;
}

/** The value of one `fieldRef`, or the kubelet's error for a path it does not support. */
function fieldValue(
  pod: Pod,
  path: string,
  apiVersion: string,
  options: ContainerEnvOptions,
): { value: string } | { error: string } {
  if (apiVersion !== "v1") return { error: `unsupported pod version: ${apiVersion}` };
  const sub = subscript(path);
  if (sub) {
    const map = sub[0] === "metadata.labels" ? pod.metadata.labels : pod.metadata.annotations;
    return { value: map?.[sub[1]] ?? "" };
  }
  if (path === "spec.host") path = "spec.nodeName";
  if (!PLAIN_FIELDS.has(path)) return { error: `field label not supported: ${path}` };
  const podIP = options.podIP ?? pod.status?.podIP ?? "";
  const values: Record<string, string | undefined> = {
    "metadata.name": pod.metadata.name,
    "metadata.namespace": pod.metadata.namespace,
    "metadata.uid": pod.metadata.uid,
    "spec.nodeName": pod.spec.nodeName,
    "spec.restartPolicy": pod.spec.restartPolicy,
    "spec.serviceAccountName": pod.spec.serviceAccountName,
    "spec.schedulerName": pod.spec.schedulerName,
    "status.phase": pod.status?.phase,
    "status.hostIP": options.hostIP ?? pod.status?.hostIP,
    "status.hostIPs": options.hostIP ?? pod.status?.hostIP,
    "status.podIP": podIP,
    "status.podIPs": (options.podIPs ?? (podIP ? [podIP] : [])).join(","),
  };
  return { value: values[path] ?? "" };
}

/**
 * Builds a container's environment as the kubelet does: entries in order, a `value` expanded
 * against the entries defined before it (`$(VAR)`, `$$` escapes, unknown names kept), a
 * `valueFrom.fieldRef` resolved from the pod (not expanded), a later entry overriding an earlier
 * one of the same name. A field path the downward API does not support, and a source kclone
 * cannot resolve (configMapKeyRef, secretKeyRef, resourceFieldRef), give the waiting reason
 * `CreateContainerConfigError` with a message naming it.
 *
 * @example
 * ```ts
 * import { containerEnv } from "./container_env.ts";
 * const pod = {
 *   apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" },
 *   spec: { containers: [] },
 * };
 * const result = containerEnv(pod, {
 *   name: "app",
 *   env: [{ name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
 *     { name: "GREETING", value: "hi from $(POD)" }],
 * });
 * // { ok: true, env: { POD: "web", GREETING: "hi from web" } }
 * ```
 */
export function containerEnv(
  pod: Pod,
  container: Container,
  options: ContainerEnvOptions = {},
): ContainerEnvResult {
  const env: Record<string, string> = {};
  for (const entry of container.env ?? []) {
    if (entry.value) {
      env[entry.name] = expandVariables(entry.value, env);
      continue;
    }
    const from = entry.valueFrom;
    if (!from) {
      env[entry.name] = "";
      continue;
    }
    if (from.fieldRef) {
      const ref = from.fieldRef;
      const result = fieldValue(pod, ref.fieldPath, ref.apiVersion ?? "v1", options);
      if ("error" in result) {
        return { ok: false, reason: "CreateContainerConfigError", message: result.error };
      }
      env[entry.name] = result.value;
      continue;
    }
    const source = Object.keys(from).find((key) => from[key as keyof typeof from] != null) ??
      "valueFrom";
    return {
      ok: false,
      reason: "CreateContainerConfigError",
      message: `env ${entry.name}: ${source} is not supported by kclone`,
    };
  }
  return { ok: true, env };
}
