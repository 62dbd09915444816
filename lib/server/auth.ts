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

/** A random HMAC key per token and the token's MAC under it, made on first use. */
const expected = new Map<string, Promise<{ key: CryptoKey; mac: ArrayBuffer }>>();

function expectedMac(token: string): Promise<{ key: CryptoKey; mac: ArrayBuffer }> {
  let made = expected.get(token);
  if (!made) {
    made = (async () => {
      const key = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, [
        "sign",
        "verify",
      ]);
      const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(token));
      return { key, mac };
    })();
    expected.set(token, made);
  }
  return made;
}

/**
 * The 401 Status for a request that does not carry `Authorization: Bearer <token>` with exactly
 * `token`; undefined when it does. The comparison takes the same time wherever the tokens differ:
 * Web Crypto verifies the given token against the expected one's HMAC under a random key, in
 * constant time, whatever the lengths.
 *
 * @example
 * ```ts
 * import { bearerTokenCheck } from "./auth.ts";
 * const request = new Request("http://127.0.0.1/api", { headers: { authorization: "Bearer s3cret" } });
 * await bearerTokenCheck(request, "s3cret"); // undefined: let it through
 * (await bearerTokenCheck(new Request("http://127.0.0.1/api"), "s3cret"))?.status; // 401
 * ```
 */
export async function bearerTokenCheck(
  request: Request,
  token: string,
): Promise<Response | undefined> {
  const given = bearerToken(request);
  if (given === undefined) return unauthorized();
  const { key, mac } = await expectedMac(token);
  const same = await crypto.subtle.verify("HMAC", key, mac, new TextEncoder().encode(given));
  return same ? undefined : unauthorized();
}
