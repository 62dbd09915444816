/**
 * Namespace, Node, Event, Lease and RangeAllocation validation.
 *
 * @module
 */
import {
  duplicateValue,
  invalidValue,
  requiredValue,
  type StatusCause,
  unsupportedValue,
} from "../errors.ts";
import type { Event, Lease, Namespace, Node, RangeAllocation } from "../types.ts";
import { invalidEach } from "./_field.ts";
import {
  dns1123LabelErrors,
  dns1123SubdomainErrors,
  labelValueErrors,
  qualifiedNameErrors,
} from "./_names.ts";
import { validateObjectMeta } from "./_validate_meta.ts";
import { checkQuantity } from "./_validate_resources.ts";

const NAMESPACED = { namespaced: true, nameErrors: dns1123SubdomainErrors };
const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** The causes that make a Namespace invalid. */
export function validateNamespace(ns: Namespace): StatusCause[] {
  return validateObjectMeta(ns.metadata, { namespaced: false, nameErrors: dns1123LabelErrors });
}

function validateQuantities(list: Record<string, string> | undefined, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [name, text] of Object.entries(list ?? {})) {
    checkQuantity(name, text, `${path}.${name}`, causes);
  }
  return causes;
}

/** The causes that make a Node invalid: name, taints, capacity and allocatable. */
export function validateNode(node: Node): StatusCause[] {
  const causes = validateObjectMeta(node.metadata, {
    namespaced: false,
    nameErrors: dns1123SubdomainErrors,
  });
  const unique = new Set<string>();
  node.spec?.taints?.forEach((taint, i) => {
    const at = `spec.taints[${i}]`;
    causes.push(...invalidEach(`${at}.key`, taint.key, qualifiedNameErrors(taint.key ?? "")));
    const valueErrors = labelValueErrors(taint.value ?? "");
    if (valueErrors.length) {
      causes.push(invalidValue(`${at}.value`, taint.value, valueErrors.join(";")));
    }
    if (!taint.effect) causes.push(requiredValue(`${at}.effect`));
    else if (!EFFECTS.includes(taint.effect)) {
      causes.push(unsupportedValue(`${at}.effect`, taint.effect, EFFECTS));
    }
    const key = `${taint.effect}\u0000${taint.key}`;
    if (unique.has(key)) {
      const cause = duplicateValue(at, taint);
      causes.push({
        ...cause,
        message: `${cause.message}: taints must be unique by key and effect pair`,
      });
    }
    unique.add(key);
  });
  causes.push(...validateQuantities(node.status?.capacity, "status.capacity"));
  causes.push(...validateQuantities(node.status?.allocatable, "status.allocatable"));
  return causes;
}

/** The causes that make an Event invalid. */
export function validateEvent(event: Event): StatusCause[] {
  const causes = validateObjectMeta(event.metadata, NAMESPACED);
  const involved = event.involvedObject?.namespace;
  if (involved && event.metadata.namespace && involved !== event.metadata.namespace) {
    causes.push(
      invalidValue("involvedObject.namespace", involved, "does not match event.namespace"),
    );
  }
  return causes;
}

/** The causes that make a Lease invalid. */
export function validateLease(lease: Lease): StatusCause[] {
  const causes = validateObjectMeta(lease.metadata, NAMESPACED);
  const duration = lease.spec?.leaseDurationSeconds;
  if (duration !== undefined && duration <= 0) {
    causes.push(invalidValue("spec.leaseDurationSeconds", duration, "must be greater than 0"));
  }
  const transitions = lease.spec?.leaseTransitions;
  if (transitions !== undefined && transitions < 0) {
    causes.push(
      invalidValue("spec.leaseTransitions", transitions, "must be greater than or equal to 0"),
    );
  }
  return causes;
}

const OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
const CIDR = new RegExp(`^${OCTET}(\\.${OCTET}){3}/(3[0-2]|[12]?[0-9])$`);
const PORT_RANGE = /^([1-9][0-9]{0,4})-([1-9][0-9]{0,4})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function isPortRange(text: string): boolean {
  const match = PORT_RANGE.exec(text);
  return !!match && Number(match[1]) <= Number(match[2]) && Number(match[2]) <= 65535;
}

/**
 * The causes that make a RangeAllocation invalid: a cluster-scoped name, a range that is an IPv4
 * CIDR or a port range, and data that is base64 (Go's encoding of `[]byte`).
 */
export function validateRangeAllocation(allocation: RangeAllocation): StatusCause[] {
  const causes = validateObjectMeta(allocation.metadata, {
    namespaced: false,
    nameErrors: dns1123SubdomainErrors,
  });
  const range = allocation.range ?? "";
  if (!range) causes.push(requiredValue("range"));
  else if (!CIDR.test(range) && !isPortRange(range)) {
    causes.push(invalidValue(
      "range",
      range,
      "must be a valid CIDR value, (e.g. 10.9.8.0/24) or a port range, (e.g. 30000-32767)",
    ));
  }
  if (!BASE64.test(allocation.data ?? "")) {
    causes.push(invalidValue("data", allocation.data, "illegal base64 data"));
  }
  return causes;
}
