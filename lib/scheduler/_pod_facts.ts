/**
 * The facts the scheduler counts of the pods it does not place, read with Store.tally() (the
 * SQLite store counts them from an index) instead of whole pods, when a control plane resumes
 * from a checkpoint. Private to lib/scheduler.
 *
 * @module
 */
import type { Pod } from "../api/types.ts";

/** The fields of a pod that NodeInfo accounting reads: node, phase, requests, affinity. */
export const POD_FACT_FIELDS: readonly string[] = [
  "spec.nodeName",
  "status.phase",
  "spec.containers",
  "spec.initContainers",
  "spec.affinity",
];

/** A pod with only the fields of POD_FACT_FIELDS, from the values of one tally() group. */
export function podOfFacts(values: readonly unknown[]): Pod {
  const [nodeName, phase, containers, initContainers, affinity] = values as [
    string | undefined,
    NonNullable<Pod["status"]>["phase"],
    Pod["spec"]["containers"] | undefined,
    Pod["spec"]["initContainers"],
    Pod["spec"]["affinity"],
  ];
  const spec: Pod["spec"] = { containers: containers ?? [] };
  if (nodeName !== undefined) spec.nodeName = nodeName;
  if (initContainers !== undefined) spec.initContainers = initContainers;
  if (affinity !== undefined) spec.affinity = affinity;
  return { apiVersion: "v1", kind: "Pod", metadata: {}, spec, status: { phase } };
}
