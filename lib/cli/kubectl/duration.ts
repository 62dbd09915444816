/**
 * Durations as kubectl's flags take them (Go's time.ParseDuration): `30s`, `1m30s`, `500ms`,
 * `1.5h`, `0`.
 *
 * @module
 */
import { UsageError } from "../context.ts";

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  "µs": 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Milliseconds in a Go duration; throws UsageError worded as kubectl words a bad flag value
 * (`invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"`).
 *
 * @example
 * ```ts
 * import { parseDuration } from "./duration.ts";
 * parseDuration("1m30s"); // 90000
 * ```
 */
export function parseDuration(text: string, flag = "--timeout"): number {
  const invalid = () =>
    new UsageError(
      `invalid argument "${text}" for "${flag}" flag: time: invalid duration ${
        JSON.stringify(text)
      }`,
    );
  const match = /^([-+]?)(.*)$/.exec(text)!;
  const body = match[2];
  if (body === "0") return 0;
  if (body === "") throw invalid();
  let total = 0;
  let rest = body;
  while (rest !== "") {
    const part = /^(\d+\.?\d*|\.\d+)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (!part) throw invalid();
    total += Number(part[1]) * UNIT_MS[part[2]];
    rest = rest.slice(part[0].length);
  }
  return match[1] === "-" ? -total : total;
}
