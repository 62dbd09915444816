/**
 * strconv.ParseInt(text, 10, 64), which Kubernetes uses for Gt/Lt in node selectors and
 * tolerations: an optional sign and decimal digits within the int64 range.
 *
 * @module
 */

const INT64 = /^[+-]?[0-9]+$/;
const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);

/** The integer value of `text`, or undefined where Go's ParseInt would fail. */
export function parseInt64(text: string | undefined): bigint | undefined {
  if (text === undefined || !INT64.test(text)) return undefined;
  const value = BigInt(text);
  return value > MAX || value < MIN ? undefined : value;
}
