/**
 * Kubernetes' DefaultNormalizeScore: scales scores so the highest becomes 100 (integer division),
 * optionally reversed so the lowest raw score gets 100.
 *
 * @module
 */
import { intDiv } from "./_resources.ts";

/** The highest node score. */
export const MAX_NODE_SCORE = 100;

/**
 * Rewrites non-negative integer scores in place onto 0..100: `100 * score / max`, then
 * `100 - that` when reversed. When every score is 0 they stay 0 (reversed: all become 100).
 *
 * @example
 * ```ts
 * import { defaultNormalizeScore } from "./normalize_score.ts";
 * const scores = [0, 1, 3];
 * defaultNormalizeScore(scores, true);
 * scores; // [100, 67, 0]
 * ```
 */
export function defaultNormalizeScore(scores: number[], reverse = false): void {
  let max = 0;
  for (const score of scores) if (score > max) max = score;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    const scaled = intDiv(MAX_NODE_SCORE * scores[i], max);
    scores[i] = reverse ? MAX_NODE_SCORE - scaled : scaled;
  }
}
