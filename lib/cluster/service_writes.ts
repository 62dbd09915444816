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

/**
 * True for the errors of losing a race to another writer: a Conflict, or AlreadyExists on the
 * allocation ranges (two processes creating the first range at once). Worth a retry only when
 * the write reads again what it writes.
 */
export function isAllocationRace(error: unknown): boolean {
  return error instanceof ApiError &&
    (error.reason === "Conflict" ||
      (error.reason === "AlreadyExists" && error.details.kind === "rangeallocations"));
}

/**
 * True only for a race on the allocation ranges themselves, for writes of an object as given:
 * its own stale resourceVersion would conflict again on every retry.
 */
export function isRangeRace(error: unknown): boolean {
  return error instanceof ApiError && error.details.kind === "rangeallocations" &&
    (error.reason === "Conflict" || error.reason === "AlreadyExists");
}

/** Options of retryOnRace. */
export interface RetryOptions {
  /** Tries at most (default 30). */
  attempts?: number;
  /** Which errors are worth another try (default: isAllocationRace). */
  retryable?: (error: unknown) => boolean;
}

/**
 * Runs `write` again when it lost a race on shared state, backing off a little (with jitter, as
 * client-go's RetryOnConflict) so that many racing writers all get through. `write` must read
 * again what it changes, unless `retryable` is narrowed to races it does read again.
 */
export async function retryOnRace<T>(
  write: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 30;
  const retryable = options.retryable ?? isAllocationRace;
  for (let attempt = 1;; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      const delay = Math.random() * Math.min(attempt, 10) * 2;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
