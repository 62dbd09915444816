import { isDeepStrictEqual } from "node:util";
import type { AnyObject, Endpoints, Node, Pod, ReplicaSet, Taint } from "../../api/types.ts";
import { endpointsText } from "./services_table.ts";

/** Kinds whose writes are bookkeeping, not actions worth a line: heartbeats, events, IP ranges. */
const QUIET_KINDS: ReadonlySet<string> = new Set(["Lease", "Event", "RangeAllocation"]);

function keyOf(object: AnyObject): string {
  const { namespace, name } = object.metadata;
  return `${object.kind.toLowerCase()} ${namespace ? `${namespace}/` : ""}${name}`;
}

function podChanges(key: string, before: Pod, after: Pod): string[] {
  const lines: string[] = [];
  if (!before.spec.nodeName && after.spec.nodeName) {
    lines.push(`${key} bound to ${after.spec.nodeName}`);
  }
  const scheduled = (p: Pod) => p.status?.conditions?.find((c) => c.type === "PodScheduled");
  const [was, now] = [scheduled(before), scheduled(after)];
  if (now?.status === "False" && now.message && now.message !== was?.message) {
    lines.push(`${key} unschedulable: ${now.message}`);
  }
  if (!before.metadata.deletionTimestamp && after.metadata.deletionTimestamp) {
    lines.push(`${key} terminating`);
  }
  const phase = after.status?.phase;
  if (phase && phase !== before.status?.phase) {
    const ip = after.status?.podIP ? ` (${after.status.podIP})` : "";
    lines.push(`${key} ${phase}${ip}`);
  }
  return lines;
}

const taintText = (t: Taint) => `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;

function nodeChanges(key: string, before: Node, after: Node): string[] {
  const lines: string[] = [];
  if (!before.spec?.podCIDR && after.spec?.podCIDR) {
    lines.push(`${key} given pod CIDR ${after.spec.podCIDR}`);
  }
  const ready = (n: Node) => n.status?.conditions?.find((c) => c.type === "Ready")?.status;
  if (ready(after) && ready(after) !== ready(before)) {
    lines.push(`${key} ${ready(after) === "True" ? "Ready" : "NotReady"}`);
  }
  const taints = (n: Node) => (n.spec?.taints ?? []).map(taintText);
  const [was, now] = [taints(before), taints(after)];
  for (const t of now.filter((t) => !was.includes(t))) lines.push(`${key} tainted ${t}`);
  for (const t of was.filter((t) => !now.includes(t))) lines.push(`${key} untainted ${t}`);
  return lines;
}

function changes(before: AnyObject, after: AnyObject): string[] {
  const key = keyOf(after);
  switch (after.kind) {
    case "Pod":
      return podChanges(key, before as Pod, after as Pod);
    case "Node":
      return nodeChanges(key, before as Node, after as Node);
    case "ReplicaSet": {
      const [was, now] = [
        (before as ReplicaSet).spec.replicas,
        (after as ReplicaSet).spec.replicas,
      ];
      return was === now ? [] : [`${key} scaled from ${was ?? 1} to ${now ?? 1}`];
    }
    case "Endpoints": {
      const [was, now] = [(before as Endpoints).subsets, (after as Endpoints).subsets];
      return isDeepStrictEqual(was ?? [], now ?? []) ? [] : [
        `${key}: ${endpointsText(after as Endpoints)}`,
      ];
    }
    default:
      return [];
  }
}

/**
 * One line per action a write stands for, in Kubernetes' terms: `pod default/web-1 bound to
 * node-a`, `replicaset default/web-5d9 scaled from 1 to 3`, `node node-a NotReady`. `before` is
 * the object as it was (undefined for a create), `after` as it is now (undefined for a delete).
 * Writes that only keep things running (leases, events, status counters) say nothing.
 *
 * @example
 * ```ts
 * import { describeWrite } from "./describe_write.ts";
 * const rs = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "web-1", namespace: "default" } };
 * describeWrite(undefined, rs); // ["replicaset default/web-1 created"]
 * ```
 */
export function describeWrite(
  before: AnyObject | undefined,
  after: AnyObject | undefined,
): string[] {
  const object = after ?? before;
  if (!object || QUIET_KINDS.has(object.kind)) return [];
  if (!before) {
    const created = `${keyOf(object)} created`;
    return object.kind === "Endpoints" ? [`${created}: ${endpointsText(object as Endpoints)}`] : [
      created,
    ];
  }
  if (!after) return [`${keyOf(object)} deleted`];
  return changes(before, after);
}
