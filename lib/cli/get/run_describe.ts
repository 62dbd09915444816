/**
 * `kclone describe`: finds the objects (by name, else by name prefix, as kubectl does), gathers
 * what each description shows besides the object, and prints them.
 *
 * @module
 */
import type { KindInfo } from "../../api/kinds.ts";
import type {
  AnyObject,
  Deployment,
  Endpoints,
  Event,
  Lease,
  Namespace,
  Node,
  Pod,
  ReplicaSet,
  Service,
} from "../../api/types.ts";
import type { Cluster } from "../../cluster/cluster.ts";
import type { Output } from "../context.ts";
import { describeNamespace, describeObject } from "../printers/describe_misc.ts";
import { describeNode } from "../printers/describe_node.ts";
import { describePod } from "../printers/describe_pod.ts";
import { describeEndpoints, describeService } from "../printers/describe_service.ts";
import { describeDeployment, describeReplicaSet } from "../printers/describe_workloads.ts";
import { kindByName, notFound } from "./get_targets.ts";

/** What `kclone describe` was asked. */
export interface DescribeRequest {
  /** The kind, by any kubectl name. */
  kind: string;
  /** Names or name prefixes; none describes every object of the kind. */
  names: string[];
  /** Namespace of namespaced kinds. */
  namespace: string;
}

async function find(cluster: Cluster, info: KindInfo, name: string, namespace: string) {
  const exact = await cluster.get(info.kind, name, { namespace });
  if (exact) return [exact];
  const all = await cluster.list(info.kind, { namespace: info.namespaced ? namespace : undefined });
  const matches = all.filter((o) => o.metadata.name?.startsWith(name));
  if (matches.length === 0) throw notFound(info, name);
  return matches;
}

/** Lines describing one object, with its events and what else its kind shows. */
async function describeOne(
  cluster: Cluster,
  object: AnyObject,
  events: Event[],
): Promise<string[]> {
  const now = cluster.clock.now();
  const { name = "", namespace, uid } = object.metadata;
  const mine = events.filter((e) =>
    e.involvedObject.name === name && e.involvedObject.kind === object.kind &&
    (!e.involvedObject.uid || !uid || e.involvedObject.uid === uid || e.involvedObject.uid === name)
  );
  const context = { now, events: mine };
  switch (object.kind) {
    case "Pod":
      return describePod(object as Pod, {
        ...context,
        explanation: await cluster.explain(name, { namespace }),
      });
    case "Node": {
      const pods = await cluster.list("Pod", { fieldSelector: `spec.nodeName=${name}` });
      return describeNode(object as Node, {
        ...context,
        pods: pods.filter((p) => p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed"),
        lease: await cluster.get("Lease", name, { namespace: "kube-node-lease" }) as
          | Lease
          | undefined,
      });
    }
    case "Deployment": {
      const sets = await cluster.list("ReplicaSet", { namespace });
      const owned = sets.filter((rs) =>
        rs.metadata.ownerReferences?.some((o) => o.controller && o.uid === uid)
      );
      return describeDeployment(object as Deployment, { ...context, replicaSets: owned });
    }
    case "ReplicaSet":
      return describeReplicaSet(object as ReplicaSet, {
        ...context,
        pods: await cluster.list("Pod", { namespace }),
      });
    case "Service":
      return describeService(object as Service, {
        ...context,
        endpoints: await cluster.get("Endpoints", name, { namespace }) as Endpoints | undefined,
      });
    case "Endpoints":
      return describeEndpoints(object as Endpoints, context);
    case "Namespace":
      return describeNamespace(object as Namespace);
    default:
      return describeObject(object, context);
  }
}

/** Runs `kclone describe`: descriptions separated by two blank lines, as kubectl prints them. */
export async function runDescribe(
  cluster: Cluster,
  request: DescribeRequest,
  output: Output,
): Promise<void> {
  const info = kindByName(request.kind);
  const namespace = request.namespace;
  const objects = request.names.length === 0
    ? await cluster.list(info.kind, { namespace: info.namespaced ? namespace : undefined })
    : (await Promise.all(request.names.map((n) => find(cluster, info, n, namespace)))).flat();
  if (objects.length === 0) {
    output.err(
      info.namespaced ? `No resources found in ${namespace} namespace.` : "No resources found",
    );
    return;
  }
  const events = await cluster.list("Event", {
    namespace: info.namespaced ? namespace : undefined,
  });
  for (const [i, object] of objects.entries()) {
    if (i > 0) output.out("\n");
    for (const line of await describeOne(cluster, object, events)) output.out(line);
  }
}
