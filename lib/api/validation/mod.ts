/**
 * Admission of objects, as kube-apiserver does it: strict decoding against the Kubernetes field
 * set (unknown fields and wrong types rejected, fields kclone only stores kept with a warning),
 * defaulting, and validation with Kubernetes' field paths and messages.
 *
 * @example
 * ```ts
 * import { admitObject } from "./mod.ts";
 * const { object, warnings } = admitObject({
 *   apiVersion: "v1",
 *   kind: "Pod",
 *   metadata: { name: "web" },
 *   spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
 * });
 * console.log(object.metadata.namespace, warnings.length); // default 0
 * ```
 *
 * @module
 */
export { decodeObject, type DecodeResult } from "./decode.ts";
export { validateObject, type ValidateOptions } from "./validate.ts";
export { admitObject, type AdmitResult } from "./admit.ts";
