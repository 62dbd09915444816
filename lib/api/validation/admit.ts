import { applyDefaults } from "../defaults.ts";
import type { AnyObject } from "../types.ts";
import { decodeObject } from "./decode.ts";
import { validateObject, type ValidateOptions } from "./validate.ts";

/** An admitted object: decoded, defaulted and valid. */
export interface AdmitResult {
  /** The defaulted object, ready to store. */
  object: AnyObject;
  /** Decoding warnings (fields kclone stores but does not act on). */
  warnings: string[];
}

/**
 * Admits a manifest object as kube-apiserver admits a create or update: strict decoding
 * (BadRequestError), defaulting, then validation (InvalidError). Never mutates `raw`.
 *
 * @example
 * ```ts
 * import { admitObject } from "./admit.ts";
 * const { object } = admitObject({
 *   apiVersion: "apps/v1",
 *   kind: "Deployment",
 *   metadata: { name: "web" },
 *   spec: {
 *     selector: { matchLabels: { app: "web" } },
 *     template: {
 *       metadata: { labels: { app: "web" } },
 *       spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
 *     },
 *   },
 * });
 * console.log(object.metadata.namespace); // default
 * ```
 */
export function admitObject(raw: unknown, options: ValidateOptions = {}): AdmitResult {
  const { object, warnings } = decodeObject(raw);
  const defaulted = applyDefaults(object);
  validateObject(defaulted, options);
  return { object: defaulted, warnings };
}
