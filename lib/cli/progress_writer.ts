/**
 * Draws a progress bar on stderr while work runs, only when stderr is a terminal: piped output
 * never sees a control character.
 *
 * @module
 */
import { type ProgressOptions, renderProgress } from "./progress.ts";

/** Where the bar goes. */
export interface ProgressTarget {
  /** Writes text as it is (no newline added). */
  write(text: string): void;
  /** True when the target is a terminal; otherwise nothing is ever written. */
  isTerminal: boolean;
}

/** Options of startProgress. */
export interface ProgressWriterOptions extends ProgressOptions {
  /** Totals below this draw nothing: small work finishes before a bar would help (default 10). */
  minTotal?: number;
}

/** A running bar. */
export interface Progress {
  /** Shows `done` of the total. */
  update(done: number): void;
  /** Erases the bar, leaving the line as it was. */
  finish(): void;
}

const CLEAR_LINE = "\r\x1b[2K";

/**
 * Starts a bar of `total` steps on `target`. Redraws only when the text changes.
 *
 * @example
 * ```ts
 * import { startProgress } from "./progress_writer.ts";
 * const progress = startProgress({ write: () => {}, isTerminal: false }, 100);
 * progress.update(50);
 * progress.finish();
 * ```
 */
export function startProgress(
  target: ProgressTarget,
  total: number,
  options: ProgressWriterOptions = {},
): Progress {
  if (!target.isTerminal || total < (options.minTotal ?? 10)) {
    return { update: () => {}, finish: () => {} };
  }
  let shown = "";
  return {
    update(done: number) {
      const text = renderProgress(done, total, options);
      if (text === shown) return;
      shown = text;
      target.write(`${CLEAR_LINE}${text}`);
    },
    finish() {
      if (shown) target.write(CLEAR_LINE);
      shown = "";
    },
  };
}

/** The process's stderr as a progress target. */
export function stderrTarget(): ProgressTarget {
  const encoder = new TextEncoder();
  return {
    write: (text) => void Deno.stderr.writeSync(encoder.encode(text)),
    isTerminal: Deno.stderr.isTerminal(),
  };
}
