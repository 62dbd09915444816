/**
 * A RangeAllocation opened for allocation: maps values (IPs as integers, ports) to bitmap offsets
 * as Kubernetes' ipallocator and portallocator do, and allocates deterministically.
 *
 * @module
 */
import type { RangeAllocation } from "../api/types.ts";
import { bitmapClear, bitmapFirstFree, bitmapHas, bitmapSet } from "./bitmap.ts";
import { parseCIDR, usableRange } from "./cidr.ts";
import { parsePortRange } from "./port_range.ts";

/** A range ready to allocate from. */
export interface OpenRange {
  /** `ip` for a CIDR, `port` for a port range. */
  kind: "ip" | "port";
  /** Canonical range text, e.g. `10.96.0.0/12` or `30000-32767`. */
  text: string;
  /** The value at offset 0: the first usable IP (network + 1) or the first port. */
  base: number;
  /** Number of offsets (usable values). */
  size: number;
  /** Offsets below this are kept for values users ask for (Kubernetes' static band). */
  staticBand: number;
  /** The lowest offset handed out unasked: 1 for IPs (offset 0 is the `kubernetes` service). */
  floor: number;
}

/** Why a requested value cannot be allocated. */
export type AllocationFailure = "not-in-range" | "allocated";

/**
 * Kubernetes' `calculateRangeOffset`: min(max(min, size / step), max), or 0 for ranges of at most
 * `min` values. IPs use 16/16/256 over the CIDR size, ports 16/32/128 over the port count.
 */
function band(size: number, min: number, step: number, max: number): number {
  if (size <= min) return 0;
  return Math.min(Math.max(min, Math.floor(size / step)), max);
}

/** Opens a RangeAllocation: a `/` in `range` makes it a CIDR, otherwise a port range. */
export function openRange(allocation: RangeAllocation): OpenRange {
  if (allocation.range.includes("/")) {
    const cidr = parseCIDR(allocation.range);
    const { first, last } = usableRange(cidr);
    const size = Math.max(0, last - first + 1);
    return {
      kind: "ip",
      text: cidr.text,
      base: first,
      size,
      staticBand: band(cidr.size, 16, 16, 256),
      floor: 1,
    };
  }
  const ports = parsePortRange(allocation.range);
  return {
    kind: "port",
    text: ports.text,
    base: ports.base,
    size: ports.size,
    staticBand: band(ports.size, 16, 32, 128),
    floor: 0,
  };
}

/** The offset of `value`, or undefined outside the usable range. */
export function offsetOf(range: OpenRange, value: number): number | undefined {
  const offset = value - range.base;
  return offset >= 0 && offset < range.size ? offset : undefined;
}

/** Allocates a value the user asked for: the new data, or why it cannot be had. */
export function allocateValue(
  range: OpenRange,
  data: string,
  value: number,
): { data: string } | { failure: AllocationFailure } {
  const offset = offsetOf(range, value);
  if (offset === undefined) return { failure: "not-in-range" };
  if (bitmapHas(data, offset)) return { failure: "allocated" };
  return { data: bitmapSet(data, offset) };
}

/**
 * Allocates a value nobody asked for: the lowest free offset of the dynamic band (at or above the
 * static band), then of the static band, never below `floor`. Kubernetes picks at random within
 * the same bands; kclone picks the lowest so that allocations are predictable. Undefined when full.
 */
export function allocateNext(
  range: OpenRange,
  data: string,
): { data: string; value: number } | undefined {
  const upper = Math.max(range.staticBand, range.floor);
  const offset = bitmapFirstFree(data, upper, range.size) ??
    bitmapFirstFree(data, range.floor, Math.min(upper, range.size));
  if (offset === undefined) return undefined;
  return { data: bitmapSet(data, offset), value: range.base + offset };
}

/** Frees a value; freeing a value outside the range or not allocated changes nothing. */
export function releaseValue(range: OpenRange, data: string, value: number): string {
  const offset = offsetOf(range, value);
  return offset === undefined || !bitmapHas(data, offset) ? data : bitmapClear(data, offset);
}
