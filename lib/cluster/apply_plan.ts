import type { AnyObject } from "../api/types.ts";
import { applyMergePatch, threeWayMergePatch } from "./three_way_merge.ts";

/** The annotation in which `kubectl apply` keeps what was applied last. */
export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** What applying one object did, in kubectl's words. */
export type ApplyAction = "created" | "configured" | "unchanged";

/** The write that applying one manifest needs. */
export interface ApplyStep {
  /** created, configured or unchanged. */
  action: ApplyAction;
  /** The object to write (unchanged: the current one), before admission of the merged result. */
  object: AnyObject;
}

/**
 * Plans `kubectl apply` for one manifest: create it when absent; otherwise patch the current object
 * with the three-way merge of last-applied, manifest and current. `manifest` is the object as the
 * user wrote it; `admitted` is the same after defaulting, used for creation.
 */
export function planApply(
  manifest: AnyObject,
  admitted: AnyObject,
  current: AnyObject | undefined,
): ApplyStep {
  const lastApplied = JSON.stringify(withoutLastApplied(manifest));
  if (!current) {
    return { action: "created", object: withLastApplied(admitted, lastApplied) };
  }
  const original = parseLastApplied(current);
  const patch = threeWayMergePatch(original, withoutLastApplied(manifest), current);
  const annotations = current.metadata.annotations ?? {};
  if (Object.keys(patch).length === 0 && annotations[LAST_APPLIED] === lastApplied) {
    return { action: "unchanged", object: current };
  }
  const merged = applyMergePatch(current, patch);
  return { action: "configured", object: withLastApplied(merged, lastApplied) };
}

function parseLastApplied(object: AnyObject): unknown {
  const text = object.metadata.annotations?.[LAST_APPLIED];
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function withoutLastApplied(object: AnyObject): AnyObject {
  const { [LAST_APPLIED]: _, ...annotations } = object.metadata.annotations ?? {};
  const { annotations: __, ...metadata } = object.metadata;
  return {
    ...object,
    metadata: Object.keys(annotations).length > 0 ? { ...metadata, annotations } : metadata,
  } as AnyObject;
}

function withLastApplied(object: AnyObject, lastApplied: string): AnyObject {
  return {
    ...object,
    metadata: {
      ...object.metadata,
      annotations: { ...object.metadata.annotations, [LAST_APPLIED]: lastApplied },
    },
  } as AnyObject;
}
