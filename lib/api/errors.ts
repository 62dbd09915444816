/**
 * Typed API errors. Each carries the Kubernetes Status reason and HTTP code it maps onto, so the
 * CLI and the API server report them the way Kubernetes does.
 *
 * @module
 */

/** A Kubernetes Status reason. */
export type StatusReason =
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Invalid"
  | "BadRequest"
  | "Gone"
  | "Unauthorized"
  | "Forbidden"
  | "TooManyRequests"
  | "MethodNotAllowed"
  | "RequestEntityTooLarge"
  | "UnsupportedMediaType"
  | "ServiceUnavailable"
  | "InternalError";

/** One field-level cause of an Invalid error, printed as `path: Type: detail`. */
export interface StatusCause {
  /** Kubernetes' cause type, e.g. `FieldValueInvalid`, `FieldValueRequired`. */
  reason: string;
  /** Human-readable message, e.g. `Invalid value: -2: must be greater than or equal to 0`. */
  message: string;
  /** Field path, e.g. `spec.replicas`. */
  field: string;
}

/** The Kubernetes Status object an error maps onto. */
export interface Status {
  /** Always `Status`. */
  kind: "Status";
  /** Always `v1`. */
  apiVersion: "v1";
  /** Always empty. */
  metadata: Record<string, never>;
  /** `Failure` for errors. */
  status: "Failure" | "Success";
  /** Full message. */
  message: string;
  /** Machine-readable reason. */
  reason: StatusReason;
  /** The object the error is about and field causes. */
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
  /** HTTP status code. */
  code: number;
}

/** What an ApiError is about. */
export interface ApiErrorDetails {
  /** Plural resource name, e.g. `pods`. */
  kind?: string;
  /** API group of the resource. */
  group?: string;
  /** Object name. */
  name?: string;
  /** Field causes (Invalid). */
  causes?: StatusCause[];
}

/** Base class of the errors that map onto a Kubernetes Status. */
export class ApiError extends Error {
  /** Kubernetes Status reason. */
  readonly reason: StatusReason;
  /** HTTP status code. */
  readonly code: number;
  /** Object and causes. */
  readonly details: ApiErrorDetails;

  /** Makes an error with its reason, code and details. */
  constructor(reason: StatusReason, code: number, message: string, details: ApiErrorDetails = {}) {
    super(message);
    this.name = `${reason}Error`;
    this.reason = reason;
    this.code = code;
    this.details = details;
  }

  /** The Kubernetes Status for this error. */
  toStatus(): Status {
    const { kind, group, name, causes } = this.details;
    const details = kind || name || causes
      ? { name, group, kind, ...(causes ? { causes } : {}) }
      : undefined;
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      ...(details ? { details } : {}),
      code: this.code,
    };
  }
}

/** 404: `pods "web" not found`. */
export class NotFoundError extends ApiError {
  /** `resource` is the plural resource name, e.g. `pods`. */
  constructor(resource: string, name: string, message?: string) {
    super("NotFound", 404, message ?? `${resource} "${name}" not found`, { kind: resource, name });
  }
}

/** 409: `pods "web" already exists`. */
export class AlreadyExistsError extends ApiError {
  /** `resource` is the plural resource name. */
  constructor(resource: string, name: string) {
    super("AlreadyExists", 409, `${resource} "${name}" already exists`, { kind: resource, name });
  }
}

/** 409: an update based on a stale resourceVersion. */
export class ConflictError extends ApiError {
  /** `resource` is the plural resource name. */
  constructor(resource: string, name: string, detail?: string) {
    super(
      "Conflict",
      409,
      `Operation cannot be fulfilled on ${resource} "${name}": ${
        detail ??
          "the object has been modified; please apply your changes to the latest version and try again"
      }`,
      { kind: resource, name },
    );
  }
}

/** 422: an object that fails validation; one cause per field. */
export class InvalidError extends ApiError {
  /** `kind` is the object kind, e.g. `Deployment`; `group` its API group (empty for core). */
  constructor(kind: string, name: string, causes: StatusCause[], group = "") {
    const list = causes.map((c) => `${c.field}: ${c.message}`);
    const body = list.length === 1 ? list[0] : `[${list.join(", ")}]`;
    const qualified = group ? `${kind}.${group}` : kind;
    super("Invalid", 422, `${qualified} "${name}" is invalid: ${body}`, {
      kind,
      group: group || undefined,
      name,
      causes,
    });
  }
}

/** 400: a request that cannot be understood (bad syntax, unknown kind, bad selector). */
export class BadRequestError extends ApiError {
  /** Makes a BadRequest with a message. */
  constructor(message: string) {
    super("BadRequest", 400, message);
  }
}

/** 410: a watch from a resourceVersion that was compacted away. */
export class GoneError extends ApiError {
  /** Makes a Gone error for a compacted resourceVersion. */
  constructor(message: string) {
    super("Gone", 410, message);
  }
}

/** 413: a request body over the server's limit: `Request entity too large: limit is 3145728`. */
export class RequestEntityTooLargeError extends ApiError {
  /** `detail` follows kube-apiserver's prefix, e.g. `limit is 3145728`. */
  constructor(detail: string) {
    super("RequestEntityTooLarge", 413, `Request entity too large: ${detail}`);
  }
}

/** 503: the store cannot serve (locked, unreachable). */
export class ServiceUnavailableError extends ApiError {
  /** Makes a ServiceUnavailable error. */
  constructor(message: string) {
    super("ServiceUnavailable", 503, message);
  }
}

/** A cause for an invalid value, worded as Kubernetes words it. */
export function invalidValue(field: string, value: unknown, detail: string): StatusCause {
  return {
    reason: "FieldValueInvalid",
    message: `Invalid value: ${formatValue(value)}: ${detail}`,
    field,
  };
}

/** A cause for a missing required value. */
export function requiredValue(field: string, detail = ""): StatusCause {
  return {
    reason: "FieldValueRequired",
    message: detail ? `Required value: ${detail}` : "Required value",
    field,
  };
}

/** A cause for a value outside a fixed set. */
export function unsupportedValue(
  field: string,
  value: unknown,
  supported: readonly string[],
): StatusCause {
  const list = supported.map((s) => `"${s}"`).join(", ");
  return {
    reason: "FieldValueNotSupported",
    message: `Unsupported value: ${formatValue(value)}: supported values: ${list}`,
    field,
  };
}

/** A cause for a duplicate entry. */
export function duplicateValue(field: string, value: unknown): StatusCause {
  return {
    reason: "FieldValueDuplicate",
    message: `Duplicate value: ${formatValue(value)}`,
    field,
  };
}

/** A cause for a field Kubernetes does not have (strict field validation). */
export function unknownField(field: string): StatusCause {
  return { reason: "FieldValueInvalid", message: `unknown field "${field}"`, field };
}

/** Formats a value as Kubernetes prints it in causes: strings quoted, numbers bare. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "null";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
