/**
 * The nesting limit of kube-apiserver's JSON decoder (Go's encoding/json): a document nested
 * deeper than 10,000 arrays and objects is refused as malformed, before anything recursive
 * (cloning, decoding, merging) could overflow the stack on it.
 *
 * @module
 */
import { BadRequestError } from "../errors.ts";

/** The deepest nesting of arrays and objects a request body may have, as in Go's decoder. */
export const MAX_JSON_DEPTH = 10_000;

/**
 * True when `value` nests arrays and objects deeper than `limit` (the top-level object counts
 * as one). Walks without recursion, so any depth is measured safely.
 *
 * @example
 * ```ts
 * import { exceedsJsonDepth } from "./json_depth.ts";
 * console.log(exceedsJsonDepth({ a: [1] }, 2), exceedsJsonDepth({ a: [[1]] }, 2)); // false true
 * ```
 */
export function exceedsJsonDepth(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== "object" || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Throws BadRequest, worded as kube-apiserver's decoder words it, when `value` (the body of a
 * request for `kind` in `version`) is nested deeper than MAX_JSON_DEPTH.
 */
export function checkJsonDepth(value: unknown, kind: string, version: string): void {
  if (!exceedsJsonDepth(value)) return;
  throw new BadRequestError(
    `${kind} in version "${version}" cannot be handled as a ${kind}: exceeded max depth`,
  );
}
