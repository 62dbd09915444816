/**
 * ValidateResourceRequirements: resource names, quantities, and requests within limits.
 *
 * @module
 */
import { invalidValue, requiredValue, type StatusCause } from "../errors.ts";
import { compareQuantities, type ParsedQuantity, parseQuantity } from "../quantity.ts";
import type { ResourceRequirements } from "../types.ts";
import { invalidEach } from "./_field.ts";
import { qualifiedNameErrors } from "./_names.ts";
import { canonicalQuantity } from "./_quantity_text.ts";

const STANDARD = new Set(["cpu", "memory", "ephemeral-storage"]);

/** Kubernetes-native resources have no domain, or a kubernetes.io one. */
function isNative(name: string): boolean {
  return !name.includes("/") || name.includes("kubernetes.io/");
}

/** Native resources other than hugepages may be overcommitted (requests below limits). */
function overcommitAllowed(name: string): boolean {
  return isNative(name) && !name.startsWith("hugepages-");
}

function nameErrors(name: string): string[] {
  const errors = qualifiedNameErrors(name);
  if (!name.includes("/") && !STANDARD.has(name) && !name.startsWith("hugepages-")) {
    errors.push("must be a standard resource for containers");
  }
  return errors;
}

/**
 * ValidateResourceQuantityValue, plus the parse error Kubernetes would have raised while
 * decoding: adds causes to `causes` and returns the quantity, or undefined when unusable.
 */
export function checkQuantity(
  name: string,
  text: string,
  field: string,
  causes: StatusCause[],
): ParsedQuantity | undefined {
  let q: ParsedQuantity;
  try {
    q = parseQuantity(text);
  } catch (error) {
    causes.push(invalidValue(field, text, (error as Error).message));
    return undefined;
  }
  if (q.mantissa < 0n) {
    causes.push(invalidValue(field, canonicalQuantity(q), "must be greater than or equal to 0"));
  } else if (!isNative(name) && q.scale < 0) {
    causes.push(invalidValue(field, canonicalQuantity(q), "must be an integer"));
  }
  return q;
}

function checkEntry(
  name: string,
  text: string,
  field: string,
  causes: StatusCause[],
): ParsedQuantity | undefined {
  causes.push(...invalidEach(field, name, nameErrors(name)));
  return checkQuantity(name, text, field, causes);
}

/** The causes of a container's resources at `path` (e.g. `spec.containers[0].resources`). */
export function validateResources(
  resources: ResourceRequirements | undefined,
  path: string,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const limits = new Map<string, ParsedQuantity | undefined>();
  for (const [name, text] of Object.entries(resources?.limits ?? {})) {
    limits.set(name, checkEntry(name, text, `${path}.limits[${name}]`, causes));
  }
  for (const [name, text] of Object.entries(resources?.requests ?? {})) {
    const request = checkEntry(name, text, `${path}.requests[${name}]`, causes);
    const limit = limits.get(name);
    if (!limits.has(name)) {
      if (!overcommitAllowed(name)) {
        causes.push(
          requiredValue(`${path}.limits`, "Limit must be set for non overcommitable resources"),
        );
      }
      continue;
    }
    if (!request || !limit) continue;
    const order = compareQuantities(request, limit);
    const shown = canonicalQuantity(request);
    const limitText = `${name} limit of ${canonicalQuantity(limit)}`;
    if (order !== 0 && !overcommitAllowed(name)) {
      causes.push(invalidValue(`${path}.requests`, shown, `must be equal to ${limitText}`));
    } else if (order > 0) {
      causes.push(
        invalidValue(`${path}.requests`, shown, `must be less than or equal to ${limitText}`),
      );
    }
  }
  return causes;
}
