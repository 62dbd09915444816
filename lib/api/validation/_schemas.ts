/**
 * The decoding schema of each kind, built once on first use.
 *
 * @module
 */
import type { z } from "zod";
import type { Kind } from "../types.ts";
import { event, lease, namespace, node, rangeAllocation } from "./_schema_cluster.ts";
import { pod } from "./_schema_pod.ts";
import { endpoints, service } from "./_schema_service.ts";
import { deployment, replicaSet } from "./_schema_workloads.ts";

const builders: Record<Kind, () => z.ZodType> = {
  Namespace: namespace,
  Node: node,
  Pod: pod,
  ReplicaSet: replicaSet,
  Deployment: deployment,
  Service: service,
  Endpoints: endpoints,
  Event: event,
  Lease: lease,
  RangeAllocation: rangeAllocation,
};

const cache = new Map<Kind, z.ZodType>();

/** The strict decoding schema of `kind`. */
export function schemaFor(kind: Kind): z.ZodType {
  let schema = cache.get(kind);
  if (!schema) {
    schema = builders[kind]();
    cache.set(kind, schema);
  }
  return schema;
}
