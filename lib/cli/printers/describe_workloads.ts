/**
 * `kubectl describe deployment` and `kubectl describe replicaset`.
 *
 * @module
 */
import { isDeepStrictEqual } from "node:util";
import { formatLabelSelector } from "../../api/label_selector.ts";
import type { Deployment, Pod, PodTemplateSpec, ReplicaSet } from "../../api/types.ts";
import { podTemplateLines } from "./_describe_containers.ts";
import {
  annotationLines,
  controllerOf,
  type DescribeContext,
  labelLines,
  rfc1123z,
  withEvents,
} from "./_describe_format.ts";

/** What describeDeployment() is given besides the Deployment. */
export interface DescribeDeploymentContext extends DescribeContext {
  /** The ReplicaSets the Deployment owns. */
  replicaSets?: readonly ReplicaSet[];
}

/** What describeReplicaSet() is given besides the ReplicaSet. */
export interface DescribeReplicaSetContext extends DescribeContext {
  /** Pods that may belong to it (those it controls are counted). */
  pods?: readonly Pod[];
}

function withoutHash(template: PodTemplateSpec): PodTemplateSpec {
  const labels = { ...template.metadata?.labels };
  delete labels["pod-template-hash"];
  return { ...template, metadata: { ...template.metadata, labels } };
}

function replicaSetList(sets: readonly ReplicaSet[]): string {
  return sets.map((rs) =>
    `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`
  )
    .join(", ") || "<none>";
}

/**
 * A Deployment as `kubectl describe deployment` prints it, with the Replicas line
 * (`3 desired | 3 updated | 3 total | 3 available | 0 unavailable`), the strategy, the pod
 * template, the conditions, the old ReplicaSets and the new one (the one whose template is the
 * Deployment's), then the events.
 */
export function describeDeployment(d: Deployment, context: DescribeDeploymentContext): string[] {
  const status = d.status ?? {};
  const strategy = d.spec.strategy ?? {};
  const lines = [
    `Name:\t${d.metadata.name}`,
    `Namespace:\t${d.metadata.namespace ?? "default"}`,
    `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}`,
    ...labelLines("Labels", d.metadata.labels),
    ...annotationLines("Annotations", d.metadata.annotations),
    `Selector:\t${formatLabelSelector(d.spec.selector)}`,
    `Replicas:\t${d.spec.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ` +
    `${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ` +
    `${status.unavailableReplicas ?? 0} unavailable`,
    `StrategyType:\t${strategy.type ?? "RollingUpdate"}`,
    `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}`,
  ];
  if (strategy.rollingUpdate) {
    const { maxUnavailable = "25%", maxSurge = "25%" } = strategy.rollingUpdate;
    lines.push(`RollingUpdateStrategy:\t${maxUnavailable} max unavailable, ${maxSurge} max surge`);
  }
  lines.push(...podTemplateLines(d.spec.template));
  if (status.conditions?.length) {
    lines.push("Conditions:", "  Type\tStatus\tReason", "  ----\t------\t------");
    for (const c of status.conditions) lines.push(`  ${c.type} \t${c.status}\t${c.reason ?? ""}`);
  }
  const sets = [...(context.replicaSets ?? [])].sort((a, b) =>
    (a.metadata.creationTimestamp ?? "") < (b.metadata.creationTimestamp ?? "") ? -1 : 1
  );
  const template = withoutHash(d.spec.template);
  const newSet = sets.find((rs) => isDeepStrictEqual(withoutHash(rs.spec.template), template));
  if (sets.length > 0) {
    lines.push(`OldReplicaSets:\t${replicaSetList(sets.filter((rs) => rs !== newSet))}`);
    lines.push(`NewReplicaSet:\t${replicaSetList(newSet ? [newSet] : [])}`);
  }
  return withEvents(lines, context.events ?? [], context.now);
}

/**
 * A ReplicaSet as `kubectl describe replicaset` prints it: selector, controller, replicas,
 * the phases of the pods it controls, the pod template, conditions, then the events.
 */
export function describeReplicaSet(rs: ReplicaSet, context: DescribeReplicaSetContext): string[] {
  const owned = (context.pods ?? []).filter((p) =>
    p.metadata.ownerReferences?.some((o) => o.controller && o.uid === rs.metadata.uid)
  );
  const count = (phase: string) => owned.filter((p) => p.status?.phase === phase).length;
  const lines = [
    `Name:\t${rs.metadata.name}`,
    `Namespace:\t${rs.metadata.namespace ?? "default"}`,
    `Selector:\t${formatLabelSelector(rs.spec.selector)}`,
    ...labelLines("Labels", rs.metadata.labels),
    ...annotationLines("Annotations", rs.metadata.annotations),
  ];
  const controller = controllerOf(rs.metadata);
  if (controller) lines.push(`Controlled By:\t${controller}`);
  lines.push(
    `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 1} desired`,
    `Pods Status:\t${count("Running")} Running / ${count("Pending")} Waiting / ` +
      `${count("Succeeded")} Succeeded / ${count("Failed")} Failed`,
    ...podTemplateLines(rs.spec.template),
  );
  if (rs.status?.conditions?.length) {
    lines.push("Conditions:", "  Type\tStatus\tReason", "  ----\t------\t------");
    for (const c of rs.status.conditions) {
      lines.push(`  ${c.type} \t${c.status}\t${c.reason ?? ""}`);
    }
  }
  return withEvents(lines, context.events ?? [], context.now);
}
