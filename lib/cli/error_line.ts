import { ApiError } from "../api/errors.ts";
import { NotServedError } from "../store/remote/not_served_error.ts";
import { ServerConnectionError } from "../store/remote/server_connection_error.ts";
import { UsageError } from "./usage_error.ts";

/**
 * The one line a failed command prints, as kubectl prints it: `Error from server (NotFound):
 * deployments.apps "web" not found` for API errors, `error: ...` for the rest. Undefined for a
 * bug, which keeps its stack trace. This is every error a program working through a server can
 * meet (the agent's); context.ts's errorLine() adds the database's.
 */
export function commonErrorLine(error: unknown): string | undefined {
  if (error instanceof ApiError && error.reason === "Unauthorized") {
    return `error: You must be logged in to the server (${error.message})`;
  }
  if (error instanceof ApiError) return `Error from server (${error.reason}): ${error.message}`;
  if (error instanceof ServerConnectionError) return error.message;
  if (error instanceof UsageError || error instanceof NotServedError) {
    return `error: ${error.message}`;
  }
  if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.PermissionDenied) {
    return `error: ${error.message}`;
  }
  return undefined;
}
