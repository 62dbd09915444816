/** What parseGoDuration() made of a text: milliseconds, or Go's error message. */
export type GoDuration = { ok: true; ms: number } | { ok: false; error: string };

/** Nanoseconds per unit, as Go's time package names them. */
const UNITS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  "\u00b5s": 1e3, // µ, the micro sign
  "\u03bcs": 1e3, // μ, the Greek mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};
/** time.Duration is an int64 of nanoseconds. */
const MAX_NS = 2 ** 63;

/**
 * A duration written as Go's `time.ParseDuration` reads it (`40s`, `1m30s`, `500ms`, `1.5h`,
 * `-2s`, `0`), in milliseconds; otherwise Go's message, e.g.
 * `time: missing unit in duration "40"`. Kubernetes components take their duration flags so.
 *
 * @example
 * ```ts
 * import { parseGoDuration } from "./go_duration.ts";
 * parseGoDuration("1m30s"); // { ok: true, ms: 90000 }
 * ```
 */
export function parseGoDuration(text: string): GoDuration {
  const quoted = JSON.stringify(text);
  const invalid: GoDuration = { ok: false, error: `time: invalid duration ${quoted}` };
  const sign = text[0] === "-" || text[0] === "+" ? text[0] : "";
  let rest = text.slice(sign.length);
  if (rest === "0") return { ok: true, ms: 0 };
  if (rest === "") return invalid;
  let ns = 0;
  while (rest !== "") {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    const [whole, integer, fraction] = number;
    if (integer === "" && !fraction) return invalid; // no digits before the unit (or nothing)
    rest = rest.slice(whole.length);
    const unit = /^[^.\d]*/.exec(rest)![0];
    if (unit === "") return { ok: false, error: `time: missing unit in duration ${quoted}` };
    const size = UNITS[unit];
    if (size === undefined) {
      return {
        ok: false,
        error: `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`,
      };
    }
    rest = rest.slice(unit.length);
    // Whole nanoseconds, as Go keeps them (rounded where Go truncates: only float noise differs).
    ns += Number(integer || "0") * size + Math.round(Number(`0.${fraction || "0"}`) * size);
    if (ns > MAX_NS) return invalid;
  }
  const ms = ns / 1e6;
  return { ok: true, ms: sign === "-" ? -ms : ms };
}
