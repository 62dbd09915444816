/**
 * A seeded generator of bad API requests for tests/server/bad_requests_test.ts: each request
 * names the codes Kubernetes answers it with, so a failure can be replayed from the seed and
 * its index alone.
 *
 * Expected codes per category (kube-apiserver's):
 * - malformed-json, yaml-as-json, non-object, deep-nesting, wrong-type, strict-unknown,
 *   mismatch, bad-query, bad-patch (malformed patches): 400 BadRequest.
 * - bad-name, wrong-type (range and quantity checks): 422 Invalid with details.causes[].field.
 * - unknown-path: 404 NotFound; bad-name in the URL: 404 (nothing has that name).
 * - wrong-method: 405 MethodNotAllowed.
 * - stale-version: 409 Conflict.
 * - bad-patch (a JSON patch that does not apply, a failed `test`): 422.
 * - content-type: 415 UnsupportedMediaType.
 * - huge (over 3 MiB): 413 RequestEntityTooLarge.
 * - lying-length, watch-abort: the server answers (4xx or a 200 watch) and keeps serving.
 *
 * @module
 */
import type { AnyObject } from "../../lib/api/types.ts";
import type { Pick } from "./_bad_request_cases.ts";
import { BODY_MAKERS } from "./_bad_request_bodies.ts";
import { PATH_MAKERS } from "./_bad_request_paths.ts";

/** One bad request and what Kubernetes answers it with. */
export interface BadRequest {
  /** Category, e.g. `malformed-json`. */
  category: string;
  /** HTTP method. */
  method: string;
  /** Path and query, e.g. `/api/v1/namespaces/dev/pods/web?fieldValidation=Strict`. */
  path: string;
  /** Request headers. */
  headers: Record<string, string>;
  /** Body, if any. */
  body?: string;
  /** The HTTP codes acceptable as an answer. */
  expect: readonly number[];
  /** For 422: a field that must appear in details.causes[].field ("" for any field). */
  causeField?: string;
  /** `fetch` (default); `raw` sends `body` over TCP as it is (a lying Content-Length); `watch-abort`. */
  transport?: "fetch" | "raw" | "watch-abort";
}

/** A PRNG (mulberry32): the same seed gives the same requests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` bad requests against `objects` (the stored ones), the same for the same seed. None of
 * them may change what is stored.
 */
export function badRequests(
  seed: number,
  count: number,
  objects: AnyObject[],
): BadRequest[] {
  const random = seededRandom(seed);
  const pick: Pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const weighted = [...BODY_MAKERS, ...PATH_MAKERS];
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  const out: BadRequest[] = [];
  while (out.length < count) {
    let r = random() * total;
    const [make] = weighted.find(([, w]) => (r -= w) < 0) ?? weighted[0];
    out.push(...[make(pick, objects, out.length)].flat());
  }
  return out;
}
