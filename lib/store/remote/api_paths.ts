/**
 * Where each kind lives in the Kubernetes REST API, as pure functions: `/api/v1/namespaces/dev/pods/web`,
 * `/apis/apps/v1/deployments`, and the query of a list or watch.
 *
 * @module
 */
import { BadRequestError } from "../../api/errors.ts";
import { kindInfo } from "../../api/kinds.ts";
import { formatLabelSelector, labelSelectorFromObject } from "../../api/label_selector.ts";
import type { ListOptions } from "../store.ts";

/**
 * The path of a collection (no `name`) or of one object. A namespaced kind without a namespace
 * is its collection across every namespace; a cluster-scoped kind ignores the namespace.
 * BadRequest for a kind the API does not serve.
 *
 * @example
 * ```ts
 * import { resourcePath } from "./api_paths.ts";
 * console.log(resourcePath("Pod", "dev", "web")); // /api/v1/namespaces/dev/pods/web
 * console.log(resourcePath("Deployment")); // /apis/apps/v1/deployments
 * console.log(resourcePath("Node", "dev", "n1")); // /api/v1/nodes/n1
 * ```
 */
export function resourcePath(kind: string, namespace?: string, name?: string): string {
  const info = kindInfo(kind);
  if (!info || !info.served) {
    throw new BadRequestError(`the server doesn't have a resource type "${kind}"`);
  }
  const root = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const scope = info.namespaced && namespace !== undefined
    ? `/namespaces/${encodeURIComponent(namespace)}`
    : "";
  const object = name === undefined ? "" : `/${encodeURIComponent(name)}`;
  return `${root}${scope}/${info.resource}${object}`;
}

/**
 * The query of a list or watch: `labelSelector` (a LabelSelector object written as text; an
 * invalid one is BadRequest here) and `fieldSelector`, each only when given.
 *
 * @example
 * ```ts
 * import { listQuery } from "./api_paths.ts";
 * console.log(listQuery({ labelSelector: { matchLabels: { app: "web" } } }).toString());
 * // labelSelector=app%3Dweb
 * ```
 */
export function listQuery(options: ListOptions = {}): URLSearchParams {
  const query = new URLSearchParams();
  const { labelSelector, fieldSelector } = options;
  if (labelSelector !== undefined) {
    const text = typeof labelSelector === "string"
      ? labelSelector
      : formatLabelSelector(labelSelectorFromObject(labelSelector));
    if (text !== "") query.set("labelSelector", text);
  }
  if (fieldSelector) query.set("fieldSelector", fieldSelector);
  return query;
}
