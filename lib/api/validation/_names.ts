/**
 * Name and format checks worded as apimachinery's `util/validation` words them. Each returns the
 * list of problems (empty when valid), as the Go functions do.
 *
 * @module
 */

const DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";
const QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_VALUE = `(${QUALIFIED_NAME})?`;
const ENV_VAR_NAME = "[-._a-zA-Z][-._a-zA-Z0-9]*";
const PERCENT = "[0-9]+%";
const HTTP_HEADER_NAME = "[-A-Za-z0-9]+";

const full = (format: string) => new RegExp(`^${format}$`);
const size = (text: string) => new TextEncoder().encode(text).length;

/** Kubernetes' RegexError; the doubled space before `or` is Kubernetes' own. */
function regexError(message: string, format: string, ...examples: string[]): string {
  const list = examples.map((e) => `'${e}', `).join(" or ");
  return `${message} (e.g. ${list}regex used for validation is '${format}')`;
}

/** `must be no more than N characters`. */
export function maxLenError(n: number): string {
  return `must be no more than ${n} characters`;
}

/** IsDNS1123Label: container names, namespace names, service port names. */
export function dns1123LabelErrors(value: string): string[] {
  const errors = size(value) > 63 ? [maxLenError(63)] : [];
  if (!full(DNS1123_LABEL).test(value)) {
    errors.push(
      full(DNS1123_SUBDOMAIN).test(value) ? "must not contain dots" : regexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        DNS1123_LABEL,
        "my-name",
        "123-abc",
      ),
    );
  }
  return errors;
}

/** IsDNS1123Subdomain: the names of most objects. */
export function dns1123SubdomainErrors(value: string): string[] {
  const errors = size(value) > 253 ? [maxLenError(253)] : [];
  if (!full(DNS1123_SUBDOMAIN).test(value)) {
    errors.push(regexError(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      DNS1123_SUBDOMAIN,
      "example.com",
    ));
  }
  return errors;
}

/** IsDNS1035Label: service names. */
export function dns1035LabelErrors(value: string): string[] {
  const errors = size(value) > 63 ? [maxLenError(63)] : [];
  if (!full(DNS1035_LABEL).test(value)) {
    errors.push(regexError(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
      DNS1035_LABEL,
      "my-name",
      "abc-123",
    ));
  }
  return errors;
}

/** IsQualifiedName: label keys, annotation keys, topology keys. */
export function qualifiedNameErrors(value: string): string[] {
  const parts = value.split("/");
  const nameMessage =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  if (parts.length > 2) {
    return [
      `a qualified name ${
        regexError(nameMessage, QUALIFIED_NAME, "MyName", "my.name", "123-abc")
      } with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const errors: string[] = [];
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    if (parts[0] === "") errors.push("prefix part must be non-empty");
    else errors.push(...dns1123SubdomainErrors(parts[0]).map((m) => `prefix part ${m}`));
  }
  if (name === "") errors.push("name part must be non-empty");
  else if (size(name) > 63) errors.push(`name part ${maxLenError(63)}`);
  if (!full(QUALIFIED_NAME).test(name)) {
    errors.push(
      `name part ${regexError(nameMessage, QUALIFIED_NAME, "MyName", "my.name", "123-abc")}`,
    );
  }
  return errors;
}

/** IsValidLabelValue. */
export function labelValueErrors(value: string): string[] {
  const errors = size(value) > 63 ? [maxLenError(63)] : [];
  if (!full(LABEL_VALUE).test(value)) {
    errors.push(regexError(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
      LABEL_VALUE,
      "MyValue",
      "my_value",
      "12345",
    ));
  }
  return errors;
}

/** IsValidPortName: an IANA_SVC_NAME, as container ports and targetPorts name ports. */
export function portNameErrors(value: string): string[] {
  const errors = size(value) > 15 ? [maxLenError(15)] : [];
  if (!/^[-a-z0-9]+$/.test(value)) {
    errors.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  }
  if (!/[a-z]/.test(value)) errors.push("must contain at least one letter (a-z)");
  if (value.includes("--")) errors.push("must not contain consecutive hyphens");
  if (value.startsWith("-") || value.endsWith("-")) {
    errors.push("must not begin or end with a hyphen");
  }
  return errors;
}

/** IsValidPortNum. */
export function portNumberErrors(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : ["must be between 1 and 65535, inclusive"];
}

/** IsEnvVarName. */
export function envVarNameErrors(value: string): string[] {
  const errors = full(ENV_VAR_NAME).test(value) ? [] : [regexError(
    "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
    ENV_VAR_NAME,
    "my.env-name",
    "MY_ENV.NAME",
    "MyEnvName1",
  )];
  if (value === ".") errors.push("must not be '.'");
  else if (value === "..") errors.push("must not be '..'");
  else if (value.startsWith("..")) errors.push("must not start with '..'");
  return errors;
}

/** IsValidPercent. */
export function percentErrors(value: string): string[] {
  return full(PERCENT).test(value) ? [] : [regexError(
    "a valid percent string must be a numeric string followed by an ending '%'",
    PERCENT,
    "1%",
    "93%",
  )];
}

/** IsHTTPHeaderName. */
export function httpHeaderNameErrors(value: string): string[] {
  return full(HTTP_HEADER_NAME).test(value) ? [] : [regexError(
    "a valid HTTP header must consist of alphanumeric characters or '-'",
    HTTP_HEADER_NAME,
    "X-Header-Name",
  )];
}

/**
 * A name validator applied to a generateName prefix, where a trailing dash is allowed: Kubernetes
 * masks it (and the character before it) with an `a` before checking.
 */
export function asPrefix(check: (value: string) => string[]): (value: string) => string[] {
  return (value) =>
    check(value.length > 1 && value.endsWith("-") ? `${value.slice(0, -2)}a` : value);
}
