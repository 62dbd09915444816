/**
 * kube-apiserver's continue token: unpadded base64url of `{"v":"meta.k8s.io/v1","rv":N,
 * "start":KEY}`, where KEY is the last key of a page plus "\x00", relative to the list's prefix
 * (`namespace/name` over all namespaces, `name` within one or for a cluster-scoped kind).
 *
 * @module
 */
import { BadRequestError } from "../api/errors.ts";

/** The decoded form of a continue token, with kube-apiserver's JSON field names. */
export interface ContinueToken {
  /** The token's version: meta.k8s.io/v1. */
  v: string;
  /** The resourceVersion of the first page (negative: read the current state). */
  rv: number;
  /** The key to resume at (included), without a leading "/". */
  start: string;
}

const INVALID = "continue key is not valid";

/** The token that resumes at `start` (a key plus "\x00"), for the list read at `resourceVersion`. */
export function encodeContinue(start: string, resourceVersion: number): string {
  const json = JSON.stringify({ v: "meta.k8s.io/v1", rv: resourceVersion, start });
  const binary = Array.from(new TextEncoder().encode(json), (b) => String.fromCharCode(b)).join("");
  return btoa(binary).replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_");
}

/** A token back to its start key, with DecodeContinue's errors as BadRequest. */
export function decodeContinue(value: string): ContinueToken {
  const invalid = (detail?: string) =>
    new BadRequestError(`invalid continue token: ${INVALID}${detail ? `: ${detail}` : ""}`);
  const bad = value.search(/[^A-Za-z0-9_-]/);
  if (bad >= 0 || value.length % 4 === 1) {
    throw invalid(`illegal base64 data at input byte ${bad >= 0 ? bad : value.length - 1}`);
  }
  const binary = atob(value.replaceAll("-", "+").replaceAll("_", "/"));
  const text = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid(jsonError(text));
  }
  const token = (typeof parsed === "object" && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  const { v = "", rv = 0, start = "" } = token;
  if (typeof v !== "string" || typeof start !== "string" || !Number.isInteger(rv)) {
    throw invalid();
  }
  if (v !== "meta.k8s.io/v1") {
    throw new BadRequestError(
      `invalid continue token: ${INVALID}: server does not recognize this encoded version ${v}`,
    );
  }
  if (rv === 0) {
    throw new BadRequestError(
      `invalid continue token: ${INVALID}: incorrect encoded start resourceVersion (version meta.k8s.io/v1)`,
    );
  }
  if (start === "") {
    throw new BadRequestError(
      `invalid continue token: ${INVALID}: encoded start key empty (version meta.k8s.io/v1)`,
    );
  }
  // As path.Clean: no way above the list's own keys ("..", "//", "./").
  const path = start.startsWith("/") ? start : `/${start}`;
  if (/\/\.{0,2}(\/|$)/.test(path) && path !== "/") throw invalid(start);
  return { v, rv: rv as number, start: path.slice(1) };
}

/** Go's encoding/json wording for the commonest syntax errors; none for the rest. */
function jsonError(text: string): string | undefined {
  const first = text.trimStart()[0];
  if (first === undefined) return "unexpected end of JSON input";
  if (!/[{["\-\dtfn]/.test(first) && first >= " " && first <= "~") {
    return `invalid character '${first}' looking for beginning of value`;
  }
  return undefined;
}
