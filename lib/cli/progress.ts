/**
 * A one-line progress bar, as text: `applying ██████░░░░░░ 12/24`. Pure; progress_writer.ts puts
 * it on a terminal.
 *
 * @module
 */

/** Options of renderProgress. */
export interface ProgressOptions {
  /** Word before the bar, e.g. `applying`. */
  label?: string;
  /** Cells in the bar (default 24). */
  width?: number;
}

/**
 * The bar for `done` of `total` steps: filled cells in proportion (rounded down, full only when
 * done), then the count. `done` is clamped to 0..total.
 *
 * @example
 * ```ts
 * import { renderProgress } from "./progress.ts";
 * renderProgress(1, 4, { label: "applying", width: 8 }); // "applying ██░░░░░░ 1/4"
 * ```
 */
export function renderProgress(done: number, total: number, options: ProgressOptions = {}): string {
  const width = Math.max(1, options.width ?? 24);
  const clamped = Math.min(Math.max(0, done), Math.max(0, total));
  const filled = total > 0 ? Math.floor((clamped * width) / total) : width;
  const bar = "█".repeat(filled) + "░".repeat(width - filled);
  const count = `${clamped}/${Math.max(0, total)}`;
  return options.label ? `${options.label} ${bar} ${count}` : `${bar} ${count}`;
}
