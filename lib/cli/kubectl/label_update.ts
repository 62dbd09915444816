/**
 * What `kubectl label` does to one object's labels, and the word it prints for it.
 *
 * @module
 */
import { UsageError } from "../context.ts";
import type { LabelSpec } from "./label_spec.ts";

/** The result of labelling one object. */
export interface LabelUpdate {
  /** The new labels. */
  labels: Record<string, string>;
  /** `labeled`, `unlabeled` or `not labeled`, as kubectl prints after `pod/web`. */
  message: "labeled" | "unlabeled" | "not labeled";
  /** Keys asked to be removed that were not there (kubectl prints `label "x" not found.`). */
  notFound: string[];
}

/** Options of updateLabels. */
export interface UpdateLabelsOptions {
  /** Allow changing a label that has a value (`--overwrite`). */
  overwrite?: boolean;
}

/** One error as it is, several as Go's aggregate prints them: `[a, b]`. */
export function aggregate(messages: readonly string[]): string {
  return messages.length === 1 ? messages[0] : `[${messages.join(", ")}]`;
}

/**
 * Applies label changes as kubectl's labelFunc does. Without overwrite, setting a key that has a
 * value is refused (`'app' already has a value (web), and --overwrite is false`), even to the
 * same value. The message follows kubectl's updateDataChangeMsg: `not labeled` when nothing
 * changed, `unlabeled` when the object got shorter without --overwrite, else `labeled`.
 *
 * @example
 * ```ts
 * import { updateLabels } from "./label_update.ts";
 * updateLabels({ app: "web" }, { set: { tier: "front" }, remove: [] }).message; // "labeled"
 * ```
 */
export function updateLabels(
  current: Readonly<Record<string, string>> | undefined,
  spec: LabelSpec,
  options: UpdateLabelsOptions = {},
): LabelUpdate {
  const before = { ...current };
  if (!options.overwrite) {
    const taken = Object.keys(spec.set).filter((key) => Object.hasOwn(before, key))
      .map((key) => `'${key}' already has a value (${before[key]}), and --overwrite is false`);
    if (taken.length > 0) throw new UsageError(aggregate(taken));
  }
  const notFound = spec.remove.filter((key) => !Object.hasOwn(before, key));
  const labels: Record<string, string> = { ...before, ...spec.set };
  for (const key of spec.remove) delete labels[key];
  const oldText = JSON.stringify(before);
  const newText = JSON.stringify(labels);
  let message: LabelUpdate["message"] = "not labeled";
  if (oldText !== newText) {
    message = !options.overwrite && newText.length < oldText.length ? "unlabeled" : "labeled";
  }
  return { labels, message, notFound };
}
