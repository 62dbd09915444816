/**
 * The errors of service allocation, worded as kube-apiserver words them
 * (pkg/registry/core/service/storage/alloc.go, ipallocator, portallocator).
 *
 * @module
 */
import { ApiError, InvalidError, invalidValue, type StatusCause } from "../api/errors.ts";
import type { Service } from "../api/types.ts";
import type { AllocationFailure, OpenRange } from "./_range.ts";

/** A `[]string` as Go's `%#v` prints it in field errors: `[]string{"10.96.0.10"}`. */
export function goStrings(list: readonly string[] | undefined): string {
  if (list === undefined) return "[]string(nil)";
  return `[]string{${list.map((item) => JSON.stringify(item)).join(", ")}}`;
}

/** A FieldValueInvalid cause whose value is a string list, printed the Go way. */
export function invalidList(
  field: string,
  list: readonly string[] | undefined,
  detail: string,
): StatusCause {
  return {
    reason: "FieldValueInvalid",
    message: `Invalid value: ${goStrings(list)}: ${detail}`,
    field,
  };
}

/** `Service "<name>" is invalid: <causes>`. */
export function invalidService(service: Service, causes: StatusCause[]): InvalidError {
  return new InvalidError("Service", service.metadata.name ?? "", causes);
}

/** The error text of ipallocator / portallocator for a refused value. */
export function failureText(range: OpenRange, failure: AllocationFailure, value: string): string {
  if (range.kind === "ip") {
    return failure === "allocated"
      ? "provided IP is already allocated"
      : `the provided IP (${value}) is not in the valid range. The range of valid IPs is ${range.text}`;
  }
  return failure === "allocated"
    ? "provided port is already allocated"
    : `provided port is not in the valid range. The range of valid ports is ${range.text}`;
}

/** `spec.ports[i].nodePort: Invalid value: 30080: provided port is already allocated`. */
export function nodePortInvalid(
  service: Service,
  index: number,
  port: number,
  detail: string,
): InvalidError {
  return invalidService(service, [invalidValue(`spec.ports[${index}].nodePort`, port, detail)]);
}

/** kube-apiserver's 500 for an exhausted range: `Internal error occurred: <detail>`. */
export function internalError(detail: string): ApiError {
  return new ApiError("InternalError", 500, `Internal error occurred: ${detail}`);
}
