import type { Pod } from "../../api/types.ts";
import { formatTable } from "../table.ts";

/**
 * The table of `pods`, as the original kclone listed them: UID, name, image, phase and node.
 *
 * @example
 * ```ts
 * import { podsTable } from "./pods_table.ts";
 * podsTable([], "default"); // "No resources found in default namespace."
 * ```
 */
export function podsTable(pods: readonly Pod[], namespace: string): string {
  if (pods.length === 0) return `No resources found in ${namespace} namespace.`;
  const rows = [...pods].sort(byName).map((pod) => [
    pod.metadata.uid ?? "",
    pod.metadata.name!,
    pod.spec.containers.map((c) => c.image ?? "").join(","),
    pod.metadata.deletionTimestamp ? "Terminating" : pod.status?.phase ?? "Pending",
    pod.spec.nodeName ?? "<none>",
  ]);
  return formatTable(["UID", "NAME", "IMAGE", "PHASE", "NODE"], rows);
}

function byName(a: Pod, b: Pod): number {
  const x = a.metadata.name!, y = b.metadata.name!;
  return x < y ? -1 : x > y ? 1 : 0;
}
