/**
 * The shape every kind's table columns share, and the small formatters they use.
 *
 * @module
 */
import type { AnyObject } from "../../api/types.ts";

/** How one kind prints as a kubectl table. */
export interface KindColumns<T extends AnyObject = AnyObject> {
  /** Column headers, NAME first. */
  readonly headers: readonly string[];
  /** Every header under `-o wide` (the wide columns are not always at the end). */
  readonly wideHeaders: readonly string[];
  /** The cells of one object, matching `wideHeaders` when `wide`, else `headers`. */
  row(object: T, now: number, wide: boolean): string[];
  /** Index of the cell that colour follows (the status), if any. */
  readonly statusColumn?: number;
}

/**
 * Labels as kubectl's `labels.FormatLabels` writes them: `k=v` pairs sorted by key, joined with
 * commas; `<none>` when there are none.
 */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? "<none>" : keys.map((k) => `${k}=${labels![k]}`).join(",");
}

/** `value`, or `<none>` when it is empty or absent. */
export function orNone(value: string | undefined | null): string {
  return value ? value : "<none>";
}
