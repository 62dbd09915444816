/**
 * Where a settle left off, so that the next short-lived process resumes from there instead of
 * listing the whole cluster: the store revision it had caught up to with nothing left to do, and
 * the work it had scheduled for later (heartbeats, grace periods), per controller.
 *
 * @module
 */
import type { Lease } from "../api/types.ts";

/** Where a settle that converged left off. */
export interface SettleCheckpoint {
  /** The store revision the control plane had caught up to, with nothing left to do. */
  revision: number;
  /** The delayed keys of each controller (by name), with the clock time (ms) each is due. */
  delayed: Record<string, Record<string, number>>;
}

/** The Lease annotation of the control loop's lease that holds its last checkpoint. */
export const CHECKPOINT_ANNOTATION = "kclone.dev/settled";

/** A checkpoint larger than this (in JSON) is not kept: the next settle lists everything. */
const MAX_BYTES = 100_000;

/** The annotation that records `checkpoint`, or clears it (no checkpoint, or too large). */
export function checkpointAnnotations(
  checkpoint: SettleCheckpoint | undefined,
): Record<string, string> {
  const text = checkpoint ? JSON.stringify(checkpoint) : "";
  return { [CHECKPOINT_ANNOTATION]: text.length <= MAX_BYTES ? text : "" };
}

/** The checkpoint a Lease records, if any that is well formed. */
export function checkpointOf(lease: Lease | undefined): SettleCheckpoint | undefined {
  const text = lease?.metadata.annotations?.[CHECKPOINT_ANNOTATION];
  if (!text) return undefined;
  try {
    const value = JSON.parse(text);
    if (!Number.isInteger(value?.revision) || value.revision < 0) return undefined;
    if (typeof value.delayed !== "object" || value.delayed === null) return undefined;
    for (const keys of Object.values(value.delayed)) {
      if (typeof keys !== "object" || keys === null) return undefined;
      if (!Object.values(keys).every((at) => typeof at === "number")) return undefined;
    }
    return value as SettleCheckpoint;
  } catch {
    return undefined;
  }
}
