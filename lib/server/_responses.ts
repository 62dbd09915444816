import { ApiError, type Status } from "../api/errors.ts";

/** A JSON response with a status code. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

/** The Status response of an error: its own code for API errors, 500 InternalError for the rest. */
export function errorResponse(error: unknown): Response {
  const status = errorStatus(error);
  return jsonResponse(status, status.code);
}

/** The Status of an error: its own for API errors, InternalError (500) for anything else. */
export function errorStatus(error: unknown): Status {
  if (error instanceof ApiError) return error.toStatus();
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: `Internal error occurred: ${message}`,
    reason: "InternalError",
    details: { causes: [{ reason: "", message, field: "" }] },
    code: 500,
  };
}

/** 404 for a path the server does not serve, worded as kube-apiserver words it. */
export function pathNotFound(): Response {
  return jsonResponse({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: "the server could not find the requested resource",
    reason: "NotFound",
    details: {},
    code: 404,
  }, 404);
}

/** 405 for a verb a path does not take. */
export function methodNotAllowed(): Response {
  const error = new ApiError(
    "MethodNotAllowed",
    405,
    "the server does not allow this method on the requested resource",
  );
  return jsonResponse({ ...error.toStatus(), details: {} }, 405);
}
