/**
 * The QoS class Kubernetes gives a pod when it is created (pkg/apis/core/helper/qos).
 *
 * @module
 */
import { compareQuantities } from "./quantity.ts";
import type { PodSpec } from "./types.ts";

const COMPUTE = ["cpu", "memory"];

function isSet(value: string | undefined): boolean {
  if (value === undefined) return false;
  try {
    return compareQuantities(value, "0") !== 0;
  } catch {
    return false; // Validation reports bad quantities; QoS ignores them.
  }
}

/**
 * Guaranteed when every container limits cpu and memory with requests equal to the limits,
 * BestEffort when no container requests or limits either, Burstable otherwise.
 */
export function podQOSClass(spec: PodSpec): "Guaranteed" | "Burstable" | "BestEffort" {
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const { resources } of containers) {
    for (const name of COMPUTE) {
      const request = resources?.requests?.[name];
      const limit = resources?.limits?.[name];
      if (isSet(request) || isSet(limit)) any = true;
      if (!isSet(limit) || (isSet(request) && compareQuantities(request!, limit!) !== 0)) {
        guaranteed = false;
      }
    }
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}
