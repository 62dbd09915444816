/**
 * `kubectl describe node`.
 *
 * @module
 */
import { cpuMillis, formatCpu, formatMemory, memoryBytes } from "../../api/quantity.ts";
import type { Lease, Node, Pod } from "../../api/types.ts";
import {
  annotationLines,
  type DescribeContext,
  labelLines,
  rfc1123z,
  taintLines,
  withEvents,
} from "./_describe_format.ts";
import { podResourceTotals } from "./_pod_resources.ts";
import { age } from "./age.ts";
import { nodeRoles } from "./columns_node.ts";

/** What describeNode() is given besides the node. */
export interface DescribeNodeContext extends DescribeContext {
  /** The pods bound to the node (Succeeded and Failed ones are left out). */
  pods?: readonly Pod[];
  /** The node's heartbeat Lease in kube-node-lease. */
  lease?: Lease;
}

const percent = (part: number, whole: number) => whole > 0 ? Math.trunc((part / whole) * 100) : 0;

function resourceList(title: string, list: Record<string, string> | undefined): string[] {
  const names = Object.keys(list ?? {}).sort();
  return names.length === 0 ? [] : [`${title}:`, ...names.map((n) => `  ${n}:\t${list![n]}`)];
}

/**
 * A node as `kubectl describe node` prints it: roles, labels, taints, lease, conditions,
 * addresses, capacity and allocatable, system info, the non-terminated pods with their requests
 * and limits as shares of allocatable, "Allocated resources", then the events.
 */
export function describeNode(node: Node, context: DescribeNodeContext): string[] {
  const { now } = context;
  const status = node.status ?? {};
  const info = status.nodeInfo ?? {};
  const lease = context.lease?.spec;
  const lines = [
    `Name:\t${node.metadata.name}`,
    `Roles:\t${nodeRoles(node).join(",") || "<none>"}`,
    ...labelLines("Labels", node.metadata.labels),
    ...annotationLines("Annotations", node.metadata.annotations),
    `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}`,
    ...taintLines("Taints", node.spec?.taints),
    `Unschedulable:\t${node.spec?.unschedulable ?? false}`,
    "Lease:",
    `  HolderIdentity:\t${lease?.holderIdentity ?? "<unset>"}`,
    `  AcquireTime:\t${rfc1123z(lease?.acquireTime)}`,
    `  RenewTime:\t${rfc1123z(lease?.renewTime)}`,
  ];
  if (status.conditions?.length) {
    lines.push(
      "Conditions:",
      "  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage",
      "  ----\t------\t-----------------\t------------------\t------\t-------",
      ...status.conditions.map((c) =>
        `  ${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t` +
        `${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}`
      ),
    );
  }
  lines.push("Addresses:", ...(status.addresses ?? []).map((a) => `  ${a.type}:\t${a.address}`));
  lines.push(
    ...resourceList("Capacity", status.capacity),
    ...resourceList("Allocatable", status.allocatable),
  );
  lines.push(
    "System Info:",
    ...[
      ["Machine ID", info.machineID],
      ["System UUID", info.systemUUID],
      ["Boot ID", info.bootID],
      ["Kernel Version", info.kernelVersion],
      ["OS Image", info.osImage],
      ["Operating System", info.operatingSystem],
      ["Architecture", info.architecture],
      ["Container Runtime Version", info.containerRuntimeVersion],
      ["Kubelet Version", info.kubeletVersion],
    ].map(([title, value]) => `  ${title}:\t${value ?? ""}`),
  );
  if (node.spec?.podCIDR) lines.push(`PodCIDR:\t${node.spec.podCIDR}`);
  if (node.spec?.podCIDRs?.length) lines.push(`PodCIDRs:\t${node.spec.podCIDRs.join(",")}`);
  if (node.spec?.providerID) lines.push(`ProviderID:\t${node.spec.providerID}`);
  lines.push(...podLines(node, context.pods ?? [], now));
  return withEvents(lines, context.events ?? [], now);
}

function podLines(node: Node, pods: readonly Pod[], now: number): string[] {
  const allocatable = Object.keys(node.status?.allocatable ?? {}).length > 0
    ? node.status!.allocatable!
    : node.status?.capacity ?? {};
  const cpu = cpuMillis(allocatable.cpu ?? "0");
  const memory = memoryBytes(allocatable.memory ?? "0");
  const share = (value: number, whole: number, format: (n: number) => string) =>
    `${format(value)} (${percent(value, whole)}%)`;
  const lines = [
    `Non-terminated Pods:\t(${pods.length} in total)`,
    "  Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge",
    "  ---------\t----\t\t------------\t----------\t---------------\t-------------\t---",
  ];
  const totals = { cpuRequests: 0, cpuLimits: 0, memoryRequests: 0, memoryLimits: 0 };
  for (const pod of pods) {
    const t = podResourceTotals(pod);
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += t[key];
    lines.push(
      `  ${pod.metadata.namespace}\t${pod.metadata.name}\t\t${
        share(t.cpuRequests, cpu, formatCpu)
      }\t` +
        `${share(t.cpuLimits, cpu, formatCpu)}\t${
          share(t.memoryRequests, memory, formatMemory)
        }\t` +
        `${share(t.memoryLimits, memory, formatMemory)}\t${
          age(pod.metadata.creationTimestamp, now)
        }`,
    );
  }
  return [
    ...lines,
    "Allocated resources:",
    "  (Total limits may be over 100 percent, i.e., overcommitted.)",
    "  Resource\tRequests\tLimits",
    "  --------\t--------\t------",
    `  cpu\t${share(totals.cpuRequests, cpu, formatCpu)}\t${
      share(totals.cpuLimits, cpu, formatCpu)
    }`,
    `  memory\t${share(totals.memoryRequests, memory, formatMemory)}\t` +
    `${share(totals.memoryLimits, memory, formatMemory)}`,
    "  ephemeral-storage\t0 (0%)\t0 (0%)",
  ];
}
