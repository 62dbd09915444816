/**
 * Decoding schemas of Service and Endpoints (core/v1).
 *
 * @module
 */
import type { z } from "zod";
import {
  bool,
  int32,
  intOrString,
  kept,
  list,
  quiet,
  str,
  stringMap,
  struct,
  whenEquals,
} from "./_schema_core.ts";
import { conditions, objectMeta, objectReference } from "./_schema_meta.ts";

function servicePort(): z.ZodType {
  return struct("v1.ServicePort", {
    name: str(),
    protocol: str(),
    appProtocol: kept(str()),
    port: int32(),
    targetPort: intOrString(),
    nodePort: int32(),
  });
}

/** core/v1 Service. */
export function service(): z.ZodType {
  return struct("v1.Service", {
    apiVersion: str(),
    kind: str(),
    metadata: objectMeta(),
    spec: struct("v1.ServiceSpec", {
      ports: list(servicePort()),
      selector: stringMap(),
      clusterIP: str(),
      clusterIPs: list(str()),
      type: str(),
      externalIPs: kept(list(str())),
      sessionAffinity: kept(str(), whenEquals("None")),
      loadBalancerIP: kept(str()),
      loadBalancerSourceRanges: kept(list(str())),
      externalName: str(),
      externalTrafficPolicy: kept(str(), whenEquals("Cluster")),
      healthCheckNodePort: kept(int32()),
      publishNotReadyAddresses: bool(),
      sessionAffinityConfig: kept(),
      ipFamilies: kept(list(str()), whenEquals(["IPv4"])),
      ipFamilyPolicy: kept(str(), whenEquals("SingleStack")),
      allocateLoadBalancerNodePorts: kept(bool(), whenEquals(true)),
      loadBalancerClass: kept(str()),
      internalTrafficPolicy: kept(str(), whenEquals("Cluster")),
      trafficDistribution: kept(str()),
    }),
    status: struct("v1.ServiceStatus", {
      loadBalancer: struct("v1.LoadBalancerStatus", {
        ingress: list(struct("v1.LoadBalancerIngress", {
          ip: str(),
          hostname: str(),
          ipMode: quiet(str()),
          ports: quiet(),
        })),
      }),
      conditions: conditions("v1.Condition"),
    }),
  });
}

function endpointAddress(): z.ZodType {
  return struct("v1.EndpointAddress", {
    ip: str(),
    hostname: str(),
    nodeName: str(),
    targetRef: objectReference(),
  });
}

/** core/v1 Endpoints. */
export function endpoints(): z.ZodType {
  return struct("v1.Endpoints", {
    apiVersion: str(),
    kind: str(),
    metadata: objectMeta(),
    subsets: list(struct("v1.EndpointSubset", {
      addresses: list(endpointAddress()),
      notReadyAddresses: list(endpointAddress()),
      ports: list(struct("v1.EndpointPort", {
        name: str(),
        port: int32(),
        protocol: str(),
        appProtocol: kept(str()),
      })),
    })),
  });
}
