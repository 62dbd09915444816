/**
 * `kubectl describe pod`, plus kclone's account of the scheduler's decision.
 *
 * @module
 */
import type { Pod } from "../../api/types.ts";
import type { ScheduleExplanation } from "../../scheduler/types.ts";
import { containerLines, volumeLines } from "./_describe_containers.ts";
import {
  annotationLines,
  controllerOf,
  type DescribeContext,
  labelLines,
  rfc1123z,
  tolerationLines,
  withEvents,
} from "./_describe_format.ts";
import { age } from "./age.ts";
import { schedulingSummaryLines } from "./explain_table.ts";

/** What describePod() is given besides the pod. */
export interface DescribePodContext extends DescribeContext {
  /** The scheduler's explanation, shown as a `Scheduling:` block before the events. */
  explanation?: ScheduleExplanation;
}

/**
 * A pod as `kubectl describe pod` prints it: name, node, start time, labels, status, IP,
 * controller, containers (image, ports, state, requests and limits), conditions, volumes, QoS
 * class, node selectors, tolerations; then kclone's `Scheduling:` block; then the events.
 */
export function describePod(pod: Pod, context: DescribePodContext): string[] {
  const { metadata: meta, spec } = pod;
  const status = pod.status ?? {};
  const lines = [`Name:\t${meta.name}`, `Namespace:\t${meta.namespace ?? "default"}`];
  if (spec.priority !== undefined) lines.push(`Priority:\t${spec.priority}`);
  if (spec.priorityClassName) lines.push(`Priority Class Name:\t${spec.priorityClassName}`);
  if (spec.serviceAccountName) lines.push(`Service Account:\t${spec.serviceAccountName}`);
  lines.push(`Node:\t${spec.nodeName ? `${spec.nodeName}/${status.hostIP ?? ""}` : "<none>"}`);
  if (status.startTime) lines.push(`Start Time:\t${rfc1123z(status.startTime)}`);
  lines.push(
    ...labelLines("Labels", meta.labels),
    ...annotationLines("Annotations", meta.annotations),
  );
  if (meta.deletionTimestamp && status.phase !== "Failed" && status.phase !== "Succeeded") {
    lines.push(`Status:\tTerminating (lasts ${age(meta.deletionTimestamp, context.now)})`);
    lines.push(`Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s`);
  } else lines.push(`Status:\t${status.phase ?? ""}`);
  if (status.reason) lines.push(`Reason:\t${status.reason}`);
  if (status.message) lines.push(`Message:\t${status.message}`);
  lines.push(`IP:\t${status.podIP ?? ""}`);
  const ips = status.podIPs ?? [];
  if (ips.length === 0) lines.push("IPs:\t<none>");
  else lines.push("IPs:", ...ips.map((ip) => `  IP:\t${ip.ip}`));
  const controller = controllerOf(meta);
  if (controller) lines.push(`Controlled By:\t${controller}`);
  if (status.nominatedNodeName) lines.push(`NominatedNodeName:\t${status.nominatedNodeName}`);
  if (spec.initContainers?.length) {
    lines.push(
      ...containerLines("Init Containers", spec.initContainers, status.initContainerStatuses),
    );
  }
  lines.push(...containerLines("Containers", spec.containers ?? [], status.containerStatuses));
  if (status.conditions?.length) {
    lines.push("Conditions:", "  Type\tStatus");
    for (const c of status.conditions) lines.push(`  ${c.type} \t${c.status} `);
  }
  lines.push(...volumeLines(spec.volumes));
  lines.push(`QoS Class:\t${status.qosClass ?? ""}`);
  lines.push(...labelLines("Node-Selectors", spec.nodeSelector));
  lines.push(...tolerationLines("Tolerations", spec.tolerations));
  if (context.explanation) lines.push(...schedulingSummaryLines(context.explanation));
  return withEvents(lines, context.events ?? [], context.now);
}
