import { kindInfo } from "../../api/kinds.ts";
import type { Kind } from "../../api/types.ts";
import { SYSTEM_NAMESPACES } from "../../cluster/namespaces.ts";
import type { Store } from "../../store/store.ts";

/** The kinds a user makes; leases, events and IP ranges are the cluster's own bookkeeping. */
const USER_KINDS: readonly Kind[] = [
  "Namespace",
  "Node",
  "Deployment",
  "ReplicaSet",
  "Pod",
  "Service",
  "Endpoints",
];

/**
 * What a database holds beyond what every cluster starts with, as `nodes: 2, pods: 3`; empty for
 * a database that holds nothing but the system namespaces and bookkeeping.
 */
export async function databaseContents(store: Store): Promise<string[]> {
  const counts: string[] = [];
  for (const kind of USER_KINDS) {
    const { items } = await store.list(kind);
    const count = kind === "Namespace"
      ? items.filter((n) => !SYSTEM_NAMESPACES.includes(n.metadata.name!)).length
      : items.length;
    if (count > 0) counts.push(`${kindInfo(kind)!.resource}: ${count}`);
  }
  return counts;
}
