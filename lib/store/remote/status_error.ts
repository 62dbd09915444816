import {
  AlreadyExistsError,
  ApiError,
  BadRequestError,
  ConflictError,
  GoneError,
  InvalidError,
  NotFoundError,
  ServiceUnavailableError,
  type Status,
  type StatusCause,
  type StatusReason,
} from "../../api/errors.ts";

/** The reasons of kube-apiserver's answers without a Status body, by HTTP code. */
const REASON_OF_CODE: Record<number, StatusReason> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  409: "Conflict",
  410: "Gone",
  422: "Invalid",
  429: "TooManyRequests",
  503: "ServiceUnavailable",
};

/**
 * The typed ApiError of a Status the server answered with (NotFoundError for NotFound, and so
 * on), keeping its message, code and details word for word, so that a client prints exactly what
 * the server's own store would have thrown. A body that is no Status (a proxy's page) becomes an
 * ApiError of the HTTP code.
 *
 * @example
 * ```ts
 * import { errorFromStatus } from "./status_error.ts";
 * const error = errorFromStatus({
 *   kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", reason: "NotFound",
 *   message: 'pods "web" not found', details: { name: "web", kind: "pods" }, code: 404,
 * }, 404);
 * console.log(error.name, error.message); // NotFoundError pods "web" not found
 * ```
 */
export function errorFromStatus(body: unknown, httpCode: number): ApiError {
  const status = isStatus(body) ? body : undefined;
  const code = typeof status?.code === "number" && status.code > 0 ? status.code : httpCode;
  const reason: StatusReason = status?.reason || REASON_OF_CODE[code] || "InternalError";
  const message = status?.message || (typeof body === "string" && body.trim()) ||
    `the server responded with the status code ${code} but did not return more information`;
  const details = status?.details ?? {};
  const error = typedError(reason, code, message, details);
  // The message is the server's: the typed classes would otherwise word it from the details.
  error.message = message;
  return error;
}

function typedError(
  reason: StatusReason,
  code: number,
  message: string,
  details: NonNullable<Status["details"]>,
): ApiError {
  const kind = details.kind ?? "";
  const name = details.name ?? "";
  const causes: StatusCause[] = details.causes ?? [];
  const typed: Partial<Record<StatusReason, [number, () => ApiError]>> = {
    NotFound: [404, () => new NotFoundError(kind, name, message)],
    AlreadyExists: [409, () => new AlreadyExistsError(kind, name)],
    Conflict: [409, () => new ConflictError(kind, name)],
    Invalid: [422, () => new InvalidError(kind, name, causes, details.group ?? "")],
    BadRequest: [400, () => new BadRequestError(message)],
    Gone: [410, () => new GoneError(message)],
    ServiceUnavailable: [503, () => new ServiceUnavailableError(message)],
  };
  const match = typed[reason];
  if (match && match[0] === code) return match[1]();
  return new ApiError(reason, code, message, {
    ...(details.kind ? { kind: details.kind } : {}),
    ...(details.group ? { group: details.group } : {}),
    ...(details.name ? { name: details.name } : {}),
    ...(details.causes ? { causes: details.causes } : {}),
  });
}

function isStatus(body: unknown): body is Partial<Status> {
  return typeof body === "object" && body !== null &&
    (body as { kind?: unknown }).kind === "Status";
}
