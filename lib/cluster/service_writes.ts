import { ApiError } from "../api/errors.ts";
import type { Service } from "../api/types.ts";
import {
  loadServiceRanges,
  planServiceAllocation,
  planServiceRelease,
  planServiceUpdate,
  prepareServiceUpdate,
  rangeWrites,
  type ServiceNetworkOptions,
} from "../network/mod.ts";
import type { BatchOperation, Store } from "../store/store.ts";

/**
 * Adds what Services need to a batch: a ClusterIP and node ports for a new one, the same kept (or
 * changed by type) for an updated one, released for a deleted one, and the RangeAllocation writes
 * that record it. The ranges carry their resourceVersion, so a racing process gets Conflict.
 */
export async function withServiceAllocations(
  store: Store,
  operations: BatchOperation[],
  options: ServiceNetworkOptions = {},
): Promise<BatchOperation[]> {
  const touchesServices = operations.some((op) =>
    op.op === "delete" ? op.kind === "Service" : op.object.kind === "Service"
  );
  if (!touchesServices) return operations;
  const before = await loadServiceRanges(store, options);
  let ranges = before;
  const result: BatchOperation[] = [];
  for (const op of operations) {
    if (op.op === "create" && op.object.kind === "Service") {
      const plan = planServiceAllocation(op.object as Service, ranges, options);
      ranges = plan.ranges;
      result.push({ op: "create", object: plan.service });
    } else if (op.op === "update" && op.object.kind === "Service") {
      const service = op.object as Service;
      const old = await store.get("Service", service.metadata.namespace, service.metadata.name!);
      if (!old) {
        result.push(op);
        continue;
      }
      const prepared = prepareServiceUpdate(old, service);
      const plan = planServiceUpdate(old, prepared, ranges, options);
      ranges = plan.ranges;
      result.push({ op: "update", object: plan.service });
    } else if (op.op === "delete" && op.kind === "Service") {
      const old = await store.get("Service", op.namespace, op.name);
      if (old) ranges = planServiceRelease(old, ranges);
      result.push(op);
    } else {
      result.push(op);
    }
  }
  return [...result, ...rangeWrites(before, ranges)];
}

/** True for the errors of losing a race on the allocation ranges: read again and retry. */
export function isAllocationRace(error: unknown): boolean {
  return error instanceof ApiError &&
    (error.reason === "Conflict" ||
      (error.reason === "AlreadyExists" && error.details.kind === "rangeallocations"));
}

/**
 * Runs `write` again when it lost a race on shared state, backing off a little (with jitter, as
 * client-go's RetryOnConflict) so that many racing writers all get through.
 */
export async function retryOnRace<T>(write: () => Promise<T>, attempts = 30): Promise<T> {
  for (let attempt = 1;; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isAllocationRace(error)) throw error;
      const delay = Math.random() * Math.min(attempt, 10) * 2;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
