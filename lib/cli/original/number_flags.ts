/**
 * Numeric flags of the original commands: integers and seconds with cobra's messages, and CPU
 * and memory amounts as Kubernetes quantities (`--mem 128` meaning 128 MiB, as the original).
 *
 * @module
 */
import { ApiError } from "../../api/errors.ts";
import { parseQuantity } from "../../api/quantity.ts";
import { flagError } from "./flags.ts";

/** Bounds of parseIntegerFlag(). */
export interface IntegerFlagOptions {
  /** The smallest value allowed. */
  min?: number;
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** An integer flag; a non-integer gets cobra's `strconv.ParseInt` message. */
export function parseIntegerFlag(
  text: string,
  flag: string,
  options: IntegerFlagOptions = {},
): number {
  if (!INTEGER.test(text)) {
    throw flagError(flag, text, `strconv.ParseInt: parsing "${text}": invalid syntax`);
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw flagError(flag, text, `strconv.ParseInt: parsing "${text}": value out of range`);
  }
  if (options.min !== undefined && value < options.min) {
    throw flagError(flag, text, `must be greater than or equal to ${options.min}`);
  }
  return value;
}

/** A positive number of seconds (`2`, `0.5`); cobra's `strconv.ParseFloat` message otherwise. */
export function parseSecondsFlag(text: string, flag: string): number {
  if (!DECIMAL.test(text)) {
    throw flagError(flag, text, `strconv.ParseFloat: parsing "${text}": invalid syntax`);
  }
  const value = Number(text);
  if (!(value > 0)) throw flagError(flag, text, "must be greater than 0");
  return value;
}

/** `quantity` (written `text`) when Kubernetes parses it and it is not negative. */
function quantityFlag(text: string, flag: string, quantity = text): string {
  let negative: boolean;
  try {
    negative = parseQuantity(quantity).mantissa < 0n;
  } catch (error) {
    if (error instanceof ApiError) throw flagError(flag, text, error.message);
    throw error;
  }
  if (negative) throw flagError(flag, text, "must be greater than or equal to 0");
  return quantity;
}

/** CPU as a quantity: cores (`2`, `0.5`) or milli-cores (`500m`). */
export function parseCpuFlag(text: string, flag: string): string {
  return quantityFlag(text, flag);
}

/** Memory as a quantity: a plain number means MiB (`128` is `128Mi`), a suffix is kept (`1Gi`). */
export function parseMemoryFlag(text: string, flag: string): string {
  return quantityFlag(text, flag, DECIMAL.test(text) ? `${text}Mi` : text);
}
