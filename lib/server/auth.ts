import { createHash, timingSafeEqual } from "node:crypto";
import { jsonResponse } from "./_responses.ts";

/**
 * The 401 kube-apiserver answers a request it cannot authenticate, word for word (no details, no
 * WWW-Authenticate challenge). kubectl prints it as `error: You must be logged in to the server
 * (Unauthorized)`.
 */
function unauthorized(): Response {
  return jsonResponse({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: "Unauthorized",
    reason: "Unauthorized",
    code: 401,
  }, 401);
}

/**
 * The token of an `Authorization: Bearer <token>` header, read as kube-apiserver's bearer token
 * authenticator reads it: surrounding spaces trimmed, the scheme matched without regard to case,
 * the token the second space-separated word. Undefined when there is none.
 */
function bearerToken(request: Request): string | undefined {
  const parts = (request.headers.get("authorization") ?? "").trim().split(" ");
  if (parts.length < 2 || parts[0].toLowerCase() !== "bearer" || parts[1] === "") return undefined;
  return parts[1];
}

/** SHA-256 of a string, so that tokens of any length compare in constant time. */
const digest = (text: string): Uint8Array => createHash("sha256").update(text).digest();

/**
 * The 401 Status for a request that does not carry `Authorization: Bearer <token>` with exactly
 * `token`; undefined when it does. The comparison takes the same time wherever the tokens differ.
 *
 * @example
 * ```ts
 * import { bearerTokenCheck } from "./auth.ts";
 * const request = new Request("http://127.0.0.1/api", { headers: { authorization: "Bearer s3cret" } });
 * bearerTokenCheck(request, "s3cret"); // undefined: let it through
 * bearerTokenCheck(new Request("http://127.0.0.1/api"), "s3cret")?.status; // 401
 * ```
 */
export function bearerTokenCheck(request: Request, token: string): Response | undefined {
  const given = bearerToken(request);
  if (given === undefined || !timingSafeEqual(digest(given), digest(token))) return unauthorized();
  return undefined;
}
