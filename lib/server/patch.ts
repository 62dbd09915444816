import { ApiError, BadRequestError } from "../api/errors.ts";
import { exceedsJsonDepth } from "../api/validation/json_depth.ts";
import { applyMergePatch } from "../cluster/three_way_merge.ts";
import { applyJsonPatch, JsonPatchError } from "./_json_patch.ts";
import { applyStrategicMerge, StrategicMergeError } from "./_strategic_merge.ts";

/** The patch types kube-apiserver takes, by the Content-Type that names them. */
export type PatchType = "json" | "merge" | "strategic" | "apply";

/** Content-Type → patch type. */
export const PATCH_CONTENT_TYPES: Readonly<Record<string, PatchType>> = {
  "application/json-patch+json": "json",
  "application/merge-patch+json": "merge",
  "application/strategic-merge-patch+json": "strategic",
  "application/apply-patch+yaml": "apply",
};

/**
 * The patch type a request's Content-Type names; 415 UnsupportedMediaType for any other type,
 * worded as kube-apiserver words it.
 */
export function patchTypeOf(contentType: string | null): PatchType {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  const known = PATCH_CONTENT_TYPES[type];
  if (known) return known;
  throw new ApiError(
    "UnsupportedMediaType",
    415,
    `the body of the request was in an unknown format - accepted media types include: ${
      Object.keys(PATCH_CONTENT_TYPES).join(", ")
    }`,
  );
}

/**
 * Applies a JSON, merge or strategic merge patch to a copy of `current`, as kube-apiserver does
 * before admitting the result like an update. A malformed patch is BadRequest (400); a JSON
 * patch that does not apply (a failed `test`, a missing path) is Invalid (422). Server-side
 * apply is not a patch of this kind (apply/apply_request.ts answers it on objects); here, on the
 * scale subresource, it is UnsupportedMediaType (415).
 *
 * @example
 * ```ts
 * import { applyPatch } from "./patch.ts";
 * const pod = { spec: { containers: [{ name: "web", image: "nginx" }, { name: "log", image: "busybox" }] } };
 * const patched = applyPatch(pod, { spec: { containers: [{ name: "web", image: "nginx:1.27" }] } }, "strategic");
 * console.log(patched.spec); // { containers: [{ name: "web", image: "nginx:1.27" }, { name: "log", image: "busybox" }] }
 * ```
 */
export function applyPatch(
  current: object,
  patch: unknown,
  type: PatchType,
): Record<string, unknown> {
  const original = current as Record<string, unknown>;
  if (type === "apply") {
    throw new ApiError(
      "UnsupportedMediaType",
      415,
      "server-side apply (application/apply-patch+yaml) is served on objects, not on this subresource",
    );
  }
  // Before the recursive merges meet a patch nested 10,000 levels deep, as Go's decoder refuses it.
  if (exceedsJsonDepth(patch)) {
    throw new BadRequestError("error decoding patch: exceeded max depth");
  }
  if (type === "json") return asObject(jsonPatch(original, patch));
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) {
    throw new BadRequestError(
      `error decoding patch: json: cannot unmarshal ${
        Array.isArray(patch) ? "array" : typeof patch
      } into Go value of type map[string]interface {}`,
    );
  }
  if (type === "merge") return asObject(applyMergePatch(original, patch));
  try {
    return applyStrategicMerge(original, patch as Record<string, unknown>);
  } catch (error) {
    if (error instanceof StrategicMergeError) throw new BadRequestError(error.message);
    throw error;
  }
}

function jsonPatch(original: Record<string, unknown>, patch: unknown): unknown {
  try {
    return applyJsonPatch(original, patch);
  } catch (error) {
    if (!(error instanceof JsonPatchError)) throw error;
    if (error.kind === "bad") throw new BadRequestError(error.message);
    throw new ApiError(
      "Invalid",
      422,
      `the server rejected our request due to an error in our request: ${error.message}`,
    );
  }
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new BadRequestError("the patched object is not a JSON object");
  }
  return value as Record<string, unknown>;
}
