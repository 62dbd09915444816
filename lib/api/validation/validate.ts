import { BadRequestError, InvalidError, invalidValue, type StatusCause } from "../errors.ts";
import { kindInfo } from "../kinds.ts";
import type { AnyObject, Deployment, Kind, KindMap, ReplicaSet, Service } from "../types.ts";
import {
  validateEvent,
  validateLease,
  validateNamespace,
  validateNode,
  validateRangeAllocation,
} from "./_validate_cluster.ts";
import { validatePod } from "./_validate_pod.ts";
import { validateEndpoints, validateService } from "./_validate_service.ts";
import { validateDeployment, validateReplicaSet } from "./_validate_workloads.ts";

/** Options of validateObject. */
export interface ValidateOptions {
  /** The stored object this one replaces; adds Kubernetes' update rules (immutable fields). */
  old?: AnyObject;
}

type Validators = { [K in Kind]: (object: KindMap[K]) => StatusCause[] };

const validators: Validators = {
  Namespace: validateNamespace,
  Node: validateNode,
  Pod: validatePod,
  ReplicaSet: validateReplicaSet,
  Deployment: validateDeployment,
  Service: validateService,
  Endpoints: validateEndpoints,
  Event: validateEvent,
  Lease: validateLease,
  RangeAllocation: validateRangeAllocation,
};

/**
 * Validates an object as kube-apiserver does after defaulting, collecting every problem before
 * throwing one InvalidError whose causes carry Kubernetes' field paths and messages, e.g.
 * `Deployment.apps "web" is invalid: spec.replicas: Invalid value: -2: must be greater than or
 * equal to 0`.
 *
 * @example
 * ```ts
 * import { validateObject } from "./validate.ts";
 * try {
 *   validateObject({ apiVersion: "v1", kind: "Namespace", metadata: { name: "Dev" } });
 * } catch (error) {
 *   console.log((error as Error).message); // Namespace "Dev" is invalid: metadata.name: ...
 * }
 * ```
 */
export function validateObject(object: AnyObject, options: ValidateOptions = {}): void {
  const info = kindInfo(object.kind);
  if (!info) {
    throw new BadRequestError(
      `no matches for kind "${object.kind}" in version "${object.apiVersion}"`,
    );
  }
  const validate = validators[info.kind] as (object: AnyObject) => StatusCause[];
  const causes = validate(object);
  if (options.old) causes.push(...updateCauses(object, options.old));
  if (causes.length > 0) {
    throw new InvalidError(info.kind, object.metadata?.name ?? "", causes, info.group);
  }
}

/** The update rules kclone enforces: immutable selectors and cluster IPs. */
function updateCauses(object: AnyObject, old: AnyObject): StatusCause[] {
  if (object.kind === "Deployment" || object.kind === "ReplicaSet") {
    const selector = (object as Deployment | ReplicaSet).spec?.selector;
    const before = (old as Deployment | ReplicaSet).spec?.selector;
    if (JSON.stringify(selector) !== JSON.stringify(before)) {
      return [invalidValue("spec.selector", selector ?? {}, "field is immutable")];
    }
  }
  if (object.kind === "Service") {
    const ip = (object as Service).spec?.clusterIP;
    const before = (old as Service).spec?.clusterIP;
    if (ip && before && ip !== before) {
      return [invalidValue("spec.clusterIP", ip, "field is immutable")];
    }
  }
  return [];
}
