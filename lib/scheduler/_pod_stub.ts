/**
 * Pods as the scheduler needs to know the ones it does not place: their facts read with
 * Store.project() (the SQLite store reads them from an index) instead of whole pods, for a
 * control plane that resumes from a checkpoint. Private to lib/scheduler.
 *
 * @module
 */
import type { Pod } from "../api/types.ts";

/** The fields of a pod that NodeInfo accounting and pod (anti-)affinity read. */
export const POD_STUB_FIELDS: readonly string[] = [
  "spec.nodeName",
  "metadata.namespace",
  "metadata.name",
  "metadata.uid",
  "metadata.labels",
  "spec.containers",
  "spec.initContainers",
  "spec.affinity",
  "status.phase",
];

/** A pod with only the fields of POD_STUB_FIELDS, from one row of project(). */
export function podStub(row: readonly unknown[]): Pod {
  const [nodeName, namespace, name, uid, labels, containers, initContainers, affinity, phase] =
    row as [
      string | undefined,
      string | undefined,
      string,
      string | undefined,
      Record<string, string> | undefined,
      Pod["spec"]["containers"] | undefined,
      Pod["spec"]["initContainers"],
      Pod["spec"]["affinity"],
      NonNullable<Pod["status"]>["phase"],
    ];
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, uid, labels },
    spec: { nodeName, containers: containers ?? [], initContainers, affinity },
    status: { phase },
  };
}
