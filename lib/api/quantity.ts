/**
 * Kubernetes resource quantities (`500m`, `128Mi`, `1e3`), parsed exactly as apimachinery's
 * `resource.ParseQuantity` parses them and converted as `Quantity.MilliValue()` and
 * `Quantity.Value()` convert them: never through floating point.
 *
 * @module
 */

import { BadRequestError } from "./errors.ts";
import {
  digitCount,
  FORMAT_WRONG,
  interpretSuffix,
  scanQuantity,
  shiftRoundingUp,
  SUFFIX_WRONG,
} from "./_quantity_scan.ts";

/** An exact quantity: its value is `mantissa * 10^scale`. */
export interface ParsedQuantity {
  /** Digits of the value, without trailing zeros (0n for zero). */
  mantissa: bigint;
  /** Power of ten; never below -9, since Kubernetes keeps nano precision. */
  scale: number;
  /** The suffix family the text used, which Kubernetes remembers for printing. */
  format: "DecimalSI" | "BinarySI" | "DecimalExponent";
}

const NANO = -9;
const MAX_INT64 = 2n ** 63n - 1n;

/**
 * Parses a quantity. Values finer than 1n round away from zero to 1n; binary values are capped
 * at 2^63-1, as in Kubernetes. Throws BadRequestError with Kubernetes' message on bad input.
 *
 * @example
 * ```ts
 * import { parseQuantity } from "./quantity.ts";
 * parseQuantity("1.5Ki"); // { mantissa: 1536n, scale: 0, format: "BinarySI" }
 * ```
 */
export function parseQuantity(value: string | number): ParsedQuantity {
  // Anything but a finite number or a string (say a YAML boolean) is malformed.
  const text = typeof value === "number"
    ? (Number.isFinite(value) ? String(value) : "")
    : typeof value === "string"
    ? value
    : "";
  const parts = scanQuantity(text);
  if (!parts) throw new BadRequestError(FORMAT_WRONG);
  const meaning = interpretSuffix(parts.suffix);
  if (!meaning) throw new BadRequestError(SUFFIX_WRONG);
  let mantissa = BigInt(parts.whole + parts.fraction || "0");
  let scale = 0 - parts.fraction.length; // never -0
  if (meaning.base === 10) scale += meaning.exponent;
  else mantissa *= 2n ** BigInt(meaning.exponent);
  if (scale < NANO) {
    mantissa = shiftRoundingUp(mantissa, scale - NANO, Infinity) ?? 0n;
    scale = NANO;
  }
  let format = meaning.format;
  if (format === "BinarySI") {
    if (exceeds(mantissa, scale, MAX_INT64)) [mantissa, scale] = [MAX_INT64, 0];
    if (mantissa !== 0n && exceeds(1n, 0, mantissa, scale)) format = "DecimalSI";
  }
  if (parts.negative) mantissa = -mantissa;
  return normalize(mantissa, scale, format);
}

/** Whether `a * 10^aScale` > `b * 10^bScale` (both non-negative). */
function exceeds(a: bigint, aScale: number, b: bigint, bScale = 0): boolean {
  const low = Math.min(aScale, bScale);
  return a * 10n ** BigInt(aScale - low) > b * 10n ** BigInt(bScale - low);
}

function normalize(
  mantissa: bigint,
  scale: number,
  format: ParsedQuantity["format"],
): ParsedQuantity {
  if (mantissa === 0n) return { mantissa, scale: 0, format };
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    scale++;
  }
  return { mantissa, scale, format };
}

/** Whether text is a quantity Kubernetes accepts (`1.5.3`, `12Q`, ``, `Mi` are not). */
export function isQuantity(text: string): boolean {
  if (typeof text !== "string") return false;
  const parts = scanQuantity(text);
  return parts !== undefined && interpretSuffix(parts.suffix) !== undefined;
}

function toQuantity(value: string | number | ParsedQuantity): ParsedQuantity {
  return typeof value === "object" ? value : parseQuantity(value);
}

/** `q * 10^shift` rounded away from zero, saturating at ±Number.MAX_SAFE_INTEGER. */
function scaledInteger(q: ParsedQuantity, shift: number): number {
  const value = shiftRoundingUp(q.mantissa, q.scale + shift, 17);
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  if (value === undefined || value > limit || value < -limit) {
    return q.mantissa < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  }
  return Number(value);
}

/**
 * Milli-CPU as an integer, rounded up like `Quantity.MilliValue()`: `100m` is 100, `0.5` is 500,
 * `1n` is 1.
 */
export function cpuMillis(value: string | number): number {
  return scaledInteger(parseQuantity(value), 3);
}

/** Bytes as an integer, rounded up like `Quantity.Value()`: `128Mi` is 134217728. */
export function memoryBytes(value: string | number): number {
  return scaledInteger(parseQuantity(value), 0);
}

/** Compares two quantities exactly: -1, 0 or 1. */
export function compareQuantities(
  a: string | number | ParsedQuantity,
  b: string | number | ParsedQuantity,
): number {
  const x = toQuantity(a);
  const y = toQuantity(b);
  const sign = Math.sign(Number(x.mantissa)) - Math.sign(Number(y.mantissa));
  if (sign !== 0 || x.mantissa === 0n) return Math.sign(sign);
  // Same sign: the order of magnitude decides, unless equal (then the scales are close).
  const orderX = digitCount(x.mantissa) + x.scale;
  const orderY = digitCount(y.mantissa) + y.scale;
  const positive = x.mantissa > 0n ? 1 : -1;
  if (orderX !== orderY) return orderX > orderY ? positive : -positive;
  const low = Math.min(x.scale, y.scale);
  const left = x.mantissa * 10n ** BigInt(x.scale - low);
  const right = y.mantissa * 10n ** BigInt(y.scale - low);
  return left < right ? -1 : left > right ? 1 : 0;
}

const DECIMAL_SUFFIXES = ["m", "", "k", "M", "G", "T", "P", "E"];

/**
 * Milli-CPU in Kubernetes' canonical form: `1500` is `1500m`, `2000` is `2`, `0` is `0`.
 * Fractions of a milli round up.
 */
export function formatCpu(millis: number): string {
  let amount = BigInt(Math.sign(millis) * Math.ceil(Math.abs(millis)));
  if (amount === 0n) return "0";
  // Kubernetes strips zeros, then uses the largest exponent that is a multiple of 3.
  let step = 0;
  while (amount % 1000n === 0n && step < DECIMAL_SUFFIXES.length - 1) {
    amount /= 1000n;
    step++;
  }
  return `${amount}${DECIMAL_SUFFIXES[step]}`;
}

const BINARY_SUFFIXES = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

/**
 * Bytes as kubectl shows memory: the largest exact binary suffix (`134217728` is `128Mi`), else
 * the largest exact decimal suffix (`500000000` is `500M`), else plain bytes. Fractions round up.
 */
export function formatMemory(bytes: number): string {
  const amount = BigInt(Math.sign(bytes) * Math.ceil(Math.abs(bytes)));
  if (amount === 0n) return "0";
  const binary = largestStep(amount, 1024n, BINARY_SUFFIXES.length - 1);
  if (binary.step > 0) return `${binary.amount}${BINARY_SUFFIXES[binary.step]}`;
  const decimal = largestStep(amount, 1000n, DECIMAL_SUFFIXES.length - 2);
  return `${decimal.amount}${DECIMAL_SUFFIXES[decimal.step + 1]}`;
}

function largestStep(amount: bigint, base: bigint, max: number): { amount: bigint; step: number } {
  let step = 0;
  while (amount % base === 0n && step < max) {
    amount /= base;
    step++;
  }
  return { amount, step };
}
