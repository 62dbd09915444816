/**
 * `kubectl get deployments` and `kubectl get replicasets` columns.
 *
 * @module
 */
import { formatLabelSelector } from "../../api/label_selector.ts";
import type { Container, Deployment, ReplicaSet } from "../../api/types.ts";
import { age } from "./age.ts";
import type { KindColumns } from "./columns.ts";

/** CONTAINERS and IMAGES cells of a pod template: names and images joined with commas. */
export function containerCells(containers: readonly Container[]): [string, string] {
  return [containers.map((c) => c.name).join(","), containers.map((c) => c.image ?? "").join(",")];
}

/**
 * Deployments: NAME READY UP-TO-DATE AVAILABLE AGE (READY is ready/desired); `-o wide` adds
 * CONTAINERS IMAGES SELECTOR.
 */
export const deploymentColumns: KindColumns<Deployment> = {
  headers: ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
  wideHeaders: [
    "NAME",
    "READY",
    "UP-TO-DATE",
    "AVAILABLE",
    "AGE",
    "CONTAINERS",
    "IMAGES",
    "SELECTOR",
  ],
  row(d: Deployment, now: number, wide: boolean): string[] {
    const status = d.status ?? {};
    const cells = [
      d.metadata.name ?? "",
      `${status.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`,
      String(status.updatedReplicas ?? 0),
      String(status.availableReplicas ?? 0),
      age(d.metadata.creationTimestamp, now),
    ];
    if (!wide) return cells;
    return [
      ...cells,
      ...containerCells(d.spec.template.spec.containers ?? []),
      formatLabelSelector(d.spec.selector),
    ];
  },
};

/**
 * ReplicaSets: NAME DESIRED CURRENT READY AGE; `-o wide` adds CONTAINERS IMAGES SELECTOR.
 */
export const replicaSetColumns: KindColumns<ReplicaSet> = {
  headers: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
  wideHeaders: ["NAME", "DESIRED", "CURRENT", "READY", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"],
  row(rs: ReplicaSet, now: number, wide: boolean): string[] {
    const cells = [
      rs.metadata.name ?? "",
      String(rs.spec.replicas ?? 1),
      String(rs.status?.replicas ?? 0),
      String(rs.status?.readyReplicas ?? 0),
      age(rs.metadata.creationTimestamp, now),
    ];
    if (!wide) return cells;
    return [
      ...cells,
      ...containerCells(rs.spec.template.spec.containers ?? []),
      formatLabelSelector(rs.spec.selector),
    ];
  },
};
