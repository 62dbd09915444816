/**
 * Label key and value syntax, worded as apimachinery's `validation` package words it, and the
 * checks `labels.NewRequirement` makes. Private to lib/api.
 *
 * @module
 */

const NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const NAME_RE = new RegExp(`^${NAME_FMT}$`);
const NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const VALUE_FMT = `(${NAME_FMT})?`;
const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const SUBDOMAIN_FMT = `${DNS_LABEL}(\\.${DNS_LABEL})*`;
const SUBDOMAIN_RE = new RegExp(`^${SUBDOMAIN_FMT}$`);
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const EMPTY = "must be non-empty";

/** Kubernetes' RegexError: the message, examples and the regex. */
function regexError(message: string, format: string, ...examples: string[]): string {
  // The doubled spaces (`'MyName',  or`) are Kubernetes' own.
  const list = examples.map((e) => `'${e}', `).join(" or ");
  return `${message} (e.g. ${list}regex used for validation is '${format}')`;
}

function maxLength(n: number): string {
  return `must be no more than ${n} characters`;
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Problems with a label key (a qualified name), as `validation.IsQualifiedName` lists them. */
export function labelKeyErrors(key: string): string[] {
  const parts = key.split("/");
  const errors: string[] = [];
  if (parts.length > 2) {
    return [
      `a qualified name ${
        regexError(NAME_MSG, NAME_FMT, "MyName", "my.name", "123-abc")
      } with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts.length === 2 ? parts[1] : parts[0];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix === "") errors.push(`prefix part ${EMPTY}`);
    else {
      if (byteLength(prefix) > 253) errors.push(`prefix part ${maxLength(253)}`);
      if (!SUBDOMAIN_RE.test(prefix)) {
        errors.push(`prefix part ${regexError(SUBDOMAIN_MSG, SUBDOMAIN_FMT, "example.com")}`);
      }
    }
  }
  if (name === "") errors.push(`name part ${EMPTY}`);
  else if (byteLength(name) > 63) errors.push(`name part ${maxLength(63)}`);
  if (!NAME_RE.test(name)) {
    errors.push(`name part ${regexError(NAME_MSG, NAME_FMT, "MyName", "my.name", "123-abc")}`);
  }
  return errors;
}

/** Problems with a label value, as `validation.IsValidLabelValue` lists them. */
export function labelValueErrors(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLength(63));
  if (value !== "" && !NAME_RE.test(value)) {
    errors.push(regexError(VALUE_MSG, VALUE_FMT, "MyValue", "my_value", "12345"));
  }
  return errors;
}

/** A Go value as `field.Invalid` prints it: strings quoted, string slices as `[]string{...}`. */
function goValue(value: string | string[] | undefined): string {
  if (value === undefined) return "[]string(nil)";
  if (Array.isArray(value)) return `[]string{${value.map((v) => JSON.stringify(v)).join(", ")}}`;
  return JSON.stringify(value);
}

/** `<path>: Invalid value: <value>: <detail>`, as field.Error prints (`<nil>` for no path). */
export function invalidField(
  path: string,
  value: string | string[] | undefined,
  detail: string,
): string {
  return `${path}: Invalid value: ${goValue(value)}: ${detail}`;
}

/** Requirement operators as Kubernetes' selection package names them. */
export type SelectionOperator = "in" | "notin" | "=" | "!=" | "exists" | "!";

/**
 * What `labels.NewRequirement` objects to, joined as an aggregate error (`[a, b]` when several);
 * empty when the requirement is valid. `values` undefined stands for a nil slice.
 */
export function requirementError(
  key: string,
  operator: SelectionOperator,
  values: string[] | undefined,
): string {
  const errors: string[] = [];
  const keyErrors = labelKeyErrors(key);
  if (keyErrors.length) errors.push(invalidField("key", key, keyErrors.join("; ")));
  const count = values?.length ?? 0;
  if ((operator === "in" || operator === "notin") && count === 0) {
    errors.push(
      invalidField("values", values, "for 'in', 'notin' operators, values set can't be empty"),
    );
  } else if ((operator === "=" || operator === "!=") && count !== 1) {
    errors.push(
      invalidField("values", values, "exact-match compatibility requires one single value"),
    );
  } else if ((operator === "exists" || operator === "!") && count !== 0) {
    errors.push(
      invalidField("values", values, "values set must be empty for exists and does not exist"),
    );
  }
  (values ?? []).forEach((value, i) => {
    const valueErrors = labelValueErrors(value);
    if (valueErrors.length) {
      errors.push(invalidField(`values[${i}][${key}]`, value, valueErrors.join("; ")));
    }
  });
  return errors.length <= 1 ? errors.join("") : `[${errors.join(", ")}]`;
}
