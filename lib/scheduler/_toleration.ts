/**
 * Whether tolerations tolerate a taint, as core/v1 Toleration.ToleratesTaint decides: the effect
 * and key must match when set; Equal (the default) compares values, Exists matches any value,
 * Gt and Lt compare the taint's value with the toleration's as 64-bit integers.
 *
 * @module
 */
import type { Taint, Toleration } from "../api/types.ts";
import { parseInt64 } from "./_int64.ts";

/** Whether one toleration tolerates the taint. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator || "Equal") {
    case "Equal":
      return (toleration.value ?? "") === (taint.value ?? "");
    case "Exists":
      return true;
    case "Gt":
    case "Lt": {
      const limit = parseInt64(toleration.value);
      const value = parseInt64(taint.value);
      if (limit === undefined || value === undefined) return false;
      return toleration.operator === "Gt" ? value > limit : value < limit;
    }
    default:
      return false;
  }
}

/** Whether any of the tolerations tolerates the taint. */
export function tolerationsTolerateTaint(
  tolerations: readonly Toleration[],
  taint: Taint,
): boolean {
  for (const toleration of tolerations) if (toleratesTaint(toleration, taint)) return true;
  return false;
}
