/**
 * The scanner and exact arithmetic behind quantity.ts. Kubernetes' parser (apimachinery
 * `resource.ParseQuantity`) reads a sign, digits with an optional decimal point, and a suffix;
 * values keep nano precision (finer values round away from zero) and binary values are capped at
 * 2^63-1.
 *
 * @module
 */

/** Kubernetes' message for text that does not look like a quantity. */
export const FORMAT_WRONG =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** Kubernetes' message for a well-formed quantity with an unknown suffix (`1i`, `5K`). */
export const SUFFIX_WRONG = "unable to parse quantity's suffix";

/** The pieces of a quantity's text. */
export interface QuantityParts {
  /** True for a leading `-`. */
  negative: boolean;
  /** Digits before the decimal point (may be empty when `.5`). */
  whole: string;
  /** Digits after the decimal point. */
  fraction: string;
  /** Everything after the number, e.g. `Mi`, `e-3`, ``. */
  suffix: string;
}

const SUFFIX_LETTERS = "eEinumkKMGTP";

/** Splits quantity text into sign, digits and suffix; undefined when it is malformed. */
export function scanQuantity(text: string): QuantityParts | undefined {
  let pos = 0;
  const negative = text[0] === "-";
  if (text[0] === "-" || text[0] === "+") pos++;
  const wholeStart = pos;
  while (isDigit(text[pos])) pos++;
  const whole = text.slice(wholeStart, pos);
  let fraction = "";
  if (text[pos] === ".") {
    const start = ++pos;
    while (isDigit(text[pos])) pos++;
    fraction = text.slice(start, pos);
  }
  // Kubernetes reads "Mi", "-" and "." as zero; we require a digit, as the regex in its message says.
  if (whole === "" && fraction === "") return undefined;
  const suffixStart = pos;
  while (pos < text.length && SUFFIX_LETTERS.includes(text[pos])) pos++;
  if (text[pos] === "-" || text[pos] === "+") pos++;
  while (isDigit(text[pos])) pos++;
  if (pos !== text.length) return undefined;
  return { negative, whole, fraction, suffix: text.slice(suffixStart) };
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

/** What a suffix means: a power of 10 or of 2, and the format Kubernetes remembers. */
export interface SuffixMeaning {
  /** 10 or 2. */
  base: 10 | 2;
  /** The power of the base. */
  exponent: number;
  /** The suffix family. */
  format: "DecimalSI" | "BinarySI" | "DecimalExponent";
}

const DECIMAL: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  "": 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** Interprets a suffix; undefined for an unknown one. */
export function interpretSuffix(suffix: string): SuffixMeaning | undefined {
  if (Object.hasOwn(DECIMAL, suffix)) {
    return { base: 10, exponent: DECIMAL[suffix], format: "DecimalSI" };
  }
  if (Object.hasOwn(BINARY, suffix)) {
    return { base: 2, exponent: BINARY[suffix], format: "BinarySI" };
  }
  if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    return { base: 10, exponent: Number(suffix.slice(1)), format: "DecimalExponent" };
  }
  return undefined;
}

/** Number of decimal digits of |n| (1 for zero). */
export function digitCount(n: bigint): number {
  return (n < 0n ? -n : n).toString().length;
}

/**
 * `mantissa * 10^shift` as a bigint, rounding a fraction away from zero, as Kubernetes' scaled
 * values do. Undefined when the result would have more than `maxDigits` digits.
 */
export function shiftRoundingUp(
  mantissa: bigint,
  shift: number,
  maxDigits: number,
): bigint | undefined {
  if (mantissa === 0n) return 0n;
  if (shift >= 0) {
    if (digitCount(mantissa) + shift > maxDigits) return undefined;
    return mantissa * 10n ** BigInt(shift);
  }
  const sign = mantissa < 0n ? -1n : 1n;
  // Anything smaller than one unit rounds up to one unit.
  if (-shift > digitCount(mantissa)) return sign;
  const divisor = 10n ** BigInt(-shift);
  const magnitude = mantissa * sign;
  const quotient = magnitude / divisor;
  return sign * (magnitude % divisor === 0n ? quotient : quotient + 1n);
}
