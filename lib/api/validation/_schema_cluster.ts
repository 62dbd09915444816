/**
 * Decoding schemas of the cluster kinds: Namespace, Node (core/v1), Event (core/v1), Lease
 * (coordination.k8s.io/v1) and the internal RangeAllocation (core/v1).
 *
 * @module
 */
import type { z } from "zod";
import { bool, int32, kept, list, quiet, resourceList, str, struct, time } from "./_schema_core.ts";
import { conditions, objectMeta, objectReference } from "./_schema_meta.ts";

/** core/v1 Namespace. */
export function namespace(): z.ZodType {
  return struct("v1.Namespace", {
    apiVersion: str(),
    kind: str(),
    metadata: objectMeta(),
    spec: struct("v1.NamespaceSpec", { finalizers: list(str()) }),
    status: struct("v1.NamespaceStatus", {
      phase: str(),
      conditions: quiet(),
    }),
  });
}

/** core/v1 Node. */
export function node(): z.ZodType {
  return struct("v1.Node", {
    apiVersion: str(),
    kind: str(),
    metadata: objectMeta(),
    spec: struct("v1.NodeSpec", {
      podCIDR: str(),
      podCIDRs: list(str()),
      providerID: str(),
      unschedulable: bool(),
      taints: list(struct("v1.Taint", {
        key: str(),
        value: str(),
        effect: str(),
        timeAdded: time(),
      })),
      configSource: kept(),
      externalID: kept(str()),
    }),
    status: struct("v1.NodeStatus", {
      capacity: resourceList(),
      allocatable: resourceList(),
      phase: str(),
      conditions: conditions("v1.NodeCondition"),
      addresses: list(struct("v1.NodeAddress", { type: str(), address: str() })),
      daemonEndpoints: quiet(),
      nodeInfo: quiet(), // NodeSystemInfo; kept as written (it gained a `swap` object)
      images: quiet(),
      volumesInUse: quiet(),
      volumesAttached: quiet(),
      config: quiet(),
      runtimeHandlers: quiet(),
      features: quiet(),
      declaredFeatures: quiet(),
    }),
  });
}

/** core/v1 Event. */
export function event(): z.ZodType {
  return struct("v1.Event", {
    apiVersion: str(),
    kind: str(),
    metadata: objectMeta(),
    involvedObject: objectReference(),
    reason: str(),
    message: str(),
    source: struct("v1.EventSource", { component: str(), host: str() }),
    firstTimestamp: time(),
    lastTimestamp: time(),
    count: int32(),
    type: str(),
    eventTime: time(true),
    series: quiet(),
    action: str(),
    related: quiet(),
    reportingComponent: str(),
    reportingInstance: str(),
  });
}

/** coordination.k8s.io/v1 Lease. */
export function lease(): z.ZodType {
  return struct("v1.Lease", {
    apiVersion: str(),
    kind: str(),
    metadata: objectMeta(),
    spec: struct("v1.LeaseSpec", {
      holderIdentity: str(),
      leaseDurationSeconds: int32(),
      acquireTime: time(),
      renewTime: time(),
      leaseTransitions: int32(),
      strategy: kept(str()),
      preferredHolder: kept(str()),
    }),
  });
}

/** core/v1 RangeAllocation (internal: the service IP and node port allocations). */
export function rangeAllocation(): z.ZodType {
  return struct("v1.RangeAllocation", {
    apiVersion: str(),
    kind: str(),
    metadata: objectMeta(),
    range: str(),
    data: str(), // Go's []byte travels as base64 text; validation checks the alphabet
  });
}
