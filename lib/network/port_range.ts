/**
 * Port ranges such as the node port range `30000-32767`.
 *
 * @module
 */
import { BadRequestError } from "../api/errors.ts";

/** A contiguous range of ports, as apimachinery's `net.PortRange`. */
export interface PortRange {
  /** Canonical text `min-max`, e.g. `30000-32767`. */
  text: string;
  /** The first port. */
  base: number;
  /** Number of ports in the range. */
  size: number;
}

/**
 * Parses `min-max` (both ends inclusive) or a single port, as kube-apiserver parses
 * `--service-node-port-range`. Errors are BadRequestError with apimachinery's wording:
 * `unable to parse port range: <text>`, `end port cannot be less than start port: <text>`.
 *
 * @example
 * ```ts
 * import { parsePortRange } from "./port_range.ts";
 * console.log(parsePortRange("30000-32767")); // { text: "30000-32767", base: 30000, size: 2768 }
 * ```
 */
export function parsePortRange(text: string): PortRange {
  const value = text.trim();
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(value);
  const low = Number(match?.[1]);
  const high = Number(match?.[2] ?? match?.[1]);
  if (!match || low < 1 || high > 65535) {
    throw new BadRequestError(`unable to parse port range: ${text}`);
  }
  if (high < low) throw new BadRequestError(`end port cannot be less than start port: ${text}`);
  return { text: `${low}-${high}`, base: low, size: high - low + 1 };
}
