/**
 * Which pods `kubectl drain` evicts from a node, and what it warns about or refuses, as
 * kubectl's drain filters decide. kclone has no DaemonSets, so only the mirror-pod, local-storage
 * and unreplicated filters apply.
 *
 * @module
 */
import type { Pod } from "../../api/types.ts";

/** Options of planDrain, as kubectl drain's flags. */
export interface DrainPlanOptions {
  /** `--force`: also delete pods no controller owns (with a warning). */
  force?: boolean;
  /** `--delete-emptydir-data`: also delete pods with emptyDir volumes (with a warning). */
  deleteEmptyDirData?: boolean;
}

/** What a drain would do. */
export interface DrainPlan {
  /** Pods to evict, in the order given. */
  pods: Pod[];
  /** kubectl's warning line (after `Warning: `), empty when there is none. */
  warnings: string;
  /** One message per refusal, e.g. `cannot delete Pods that declare no controller ...: default/web`. */
  errors: string[];
}

const MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
const LOCAL_STORAGE_FATAL = "Pods with local storage (use --delete-emptydir-data to override)";
const LOCAL_STORAGE_WARNING = "deleting Pods with local storage";
const UNMANAGED_FATAL = "cannot delete Pods that declare no controller (use --force to override)";
const UNMANAGED_WARNING = "deleting Pods that declare no controller";

type Status = { delete: boolean; reason: "okay" | "skip" | "warning" | "error"; message?: string };

const okay: Status = { delete: true, reason: "okay" };

function finished(pod: Pod): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

function hasEmptyDir(pod: Pod): boolean {
  return (pod.spec.volumes ?? []).some((v) =>
    typeof v === "object" && v !== null && "emptyDir" in v
  );
}

/** kubectl's filters, in its order; the last one run decides a pod's status. */
function filters(options: DrainPlanOptions): ((pod: Pod) => Status)[] {
  return [
    (pod) =>
      pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined
        ? { delete: false, reason: "skip" }
        : okay,
    (pod) => {
      if (!hasEmptyDir(pod) || finished(pod)) return okay;
      return options.deleteEmptyDirData
        ? { delete: true, reason: "warning", message: LOCAL_STORAGE_WARNING }
        : { delete: false, reason: "error", message: LOCAL_STORAGE_FATAL };
    },
    (pod) => {
      if (finished(pod) || pod.metadata.ownerReferences?.some((r) => r.controller)) return okay;
      return options.force
        ? { delete: true, reason: "warning", message: UNMANAGED_WARNING }
        : { delete: false, reason: "error", message: UNMANAGED_FATAL };
    },
  ];
}

/** `message: ns/a, ns/b` per message, in order of first appearance. */
function grouped(entries: [string, Pod][]): [string, string][] {
  const groups = new Map<string, string[]>();
  for (const [message, pod] of entries) {
    const list = groups.get(message) ?? [];
    list.push(`${pod.metadata.namespace}/${pod.metadata.name}`);
    groups.set(message, list);
  }
  return [...groups].map(([message, pods]) => [message, pods.join(", ")]);
}

/**
 * Plans a drain of the pods on one node. A pod no controller owns is refused unless `force`; one
 * with emptyDir volumes unless `deleteEmptyDirData`; finished pods always go; mirror pods stay.
 *
 * @example
 * ```ts
 * import { planDrain } from "./drain_plan.ts";
 * const bare = { apiVersion: "v1", kind: "Pod", metadata: { name: "db", namespace: "default" },
 *   spec: { containers: [] } };
 * planDrain([bare]).errors;
 * // ["cannot delete Pods that declare no controller (use --force to override): default/db"]
 * ```
 */
export function planDrain(pods: readonly Pod[], options: DrainPlanOptions = {}): DrainPlan {
  const statuses = pods.map((pod): [Pod, Status] => {
    let status = okay;
    for (const filter of filters(options)) {
      status = filter(pod);
      if (!status.delete) break;
    }
    return [pod, status];
  });
  const of = (reason: Status["reason"]) =>
    statuses.filter(([, s]) => s.reason === reason).map(([pod, s]): [string, Pod] => [
      s.message!,
      pod,
    ]);
  const warnings = grouped(of("warning")).map(([m, p]) => `${m}: ${p}`).join("; ");
  const errors = grouped(of("error")).map(([m, p]) =>
    m.toLowerCase().startsWith("cannot delete") ? `${m}: ${p}` : `cannot delete ${m}: ${p}`
  );
  return { pods: statuses.filter(([, s]) => s.delete).map(([pod]) => pod), warnings, errors };
}
