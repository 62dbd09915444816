/**
 * Field-error builders that lib/api/errors.ts does not have, plus small helpers the validators
 * share. Wording follows apimachinery's `field` package.
 *
 * @module
 */
import { invalidValue, type StatusCause } from "../errors.ts";

/** `Forbidden: <detail>`. */
export function forbidden(field: string, detail: string): StatusCause {
  return { reason: "FieldValueForbidden", message: `Forbidden: ${detail}`, field };
}

/** `Too long: may not be more than <max> bytes`. */
export function tooLong(field: string, max: number): StatusCause {
  return {
    reason: "FieldValueTooLong",
    message: `Too long: may not be more than ${max} bytes`,
    field,
  };
}

/** One Invalid cause per message, all for the same field and value. */
export function invalidEach(field: string, value: unknown, messages: string[]): StatusCause[] {
  return messages.map((message) => invalidValue(field, value, message));
}

/** ValidateNonnegativeField: `must be greater than or equal to 0`. */
export function nonNegative(value: number | undefined, field: string): StatusCause[] {
  return value !== undefined && value < 0
    ? [invalidValue(field, value, "must be greater than or equal to 0")]
    : [];
}

/** Joins a child name onto a field path. */
export function child(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}
