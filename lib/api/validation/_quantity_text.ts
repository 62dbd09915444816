/**
 * A quantity printed as Kubernetes' `Quantity.String()` prints it in messages: `0.5` as `500m`,
 * `1000m` as `1`, `104857600` bytes written `100Mi` as `100Mi`.
 *
 * @module
 */
import type { ParsedQuantity } from "../quantity.ts";

const DECIMAL: Record<number, string> = {
  [-9]: "n",
  [-6]: "u",
  [-3]: "m",
  0: "",
  3: "k",
  6: "M",
  9: "G",
  12: "T",
  15: "P",
  18: "E",
};
const BINARY = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

/** The canonical text of a parsed quantity. */
export function canonicalQuantity(q: ParsedQuantity): string {
  if (q.mantissa === 0n) return "0";
  const magnitude = q.mantissa < 0n ? -q.mantissa : q.mantissa;
  // Binary form only for whole values of at least 1Ki; anything else would round.
  if (q.format === "BinarySI" && q.scale >= 0 && magnitude * 10n ** BigInt(q.scale) >= 1024n) {
    let amount = q.mantissa * 10n ** BigInt(q.scale);
    let step = 0;
    while (amount % 1024n === 0n && step < BINARY.length - 1) {
      amount /= 1024n;
      step++;
    }
    return `${amount}${BINARY[step]}`;
  }
  // Decimal: lower the exponent to a multiple of three, as AsCanonicalBytes does.
  const shift = ((q.scale % 3) + 3) % 3;
  const amount = q.mantissa * 10n ** BigInt(shift);
  const exponent = q.scale - shift;
  const suffix = q.format !== "DecimalExponent" && exponent in DECIMAL
    ? DECIMAL[exponent]
    : exponent === 0
    ? ""
    : `e${exponent}`;
  return `${amount}${suffix}`;
}
