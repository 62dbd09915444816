/**
 * Helpers of the network tests.
 *
 * @module
 */
import assert from "node:assert/strict";
import { ApiError } from "../../lib/api/errors.ts";
import type { Service } from "../../lib/api/types.ts";
import {
  emptyRanges,
  planServiceAllocation,
  type ServiceNetworkOptions,
  type ServiceRanges,
} from "../../lib/network/mod.ts";

/** The ApiError that `fn` throws. */
export function apiErrorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ApiError, `not an ApiError: ${error}`);
    return error;
  }
  assert.fail("no error was thrown");
}

/** Allocates each service in turn from fresh ranges; returns the services and the final ranges. */
export function allocateAll(
  services: Service[],
  options: ServiceNetworkOptions = {},
): { services: Service[]; ranges: ServiceRanges } {
  let ranges = emptyRanges(options);
  const planned = services.map((service) => {
    const plan = planServiceAllocation(service, ranges, options);
    ranges = plan.ranges;
    return plan.service;
  });
  return { services: planned, ranges };
}
