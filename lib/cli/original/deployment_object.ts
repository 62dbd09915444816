import type { Deployment } from "../../api/types.ts";
import { containerFor, type ContainerOptions } from "./pod_object.ts";

/** Options of deploymentObject(). */
export interface DeploymentObjectOptions extends ContainerOptions {
  /** Namespace (default `default`). */
  namespace?: string;
  /** Desired pods (default 1). */
  replicas?: number;
  /** The pods the Deployment owns (default `app=NAME`). */
  selector?: Record<string, string>;
  /** Labels of its pods, added to the selector's (default: the selector). */
  labels?: Record<string, string>;
}

/**
 * The container name `kubectl create deployment` derives from an image: its last path segment
 * without tag or digest (`registry/team/nginx:1.27` is `nginx`), or `fallback` when that is not a
 * DNS label.
 */
export function containerNameOf(image: string, fallback: string): string {
  const base = image.split("@")[0].split("/").pop()!.split(":")[0].toLowerCase();
  const name = base.replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63);
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) ? name : fallback;
}

/**
 * The Deployment of `deploy-create`: `replicas` pods of one container named after the image, as
 * `kubectl create deployment` makes it; the template carries the selector's labels so that the
 * Deployment owns its pods.
 *
 * @example
 * ```ts
 * import { deploymentObject } from "./deployment_object.ts";
 * deploymentObject("web", "nginx:1.27", { replicas: 3 }).spec.selector;
 * // { matchLabels: { app: "web" } }
 * ```
 */
export function deploymentObject(
  name: string,
  image: string,
  options: DeploymentObjectOptions = {},
): Deployment {
  const selector = options.selector ?? { app: name };
  const labels = { ...selector, ...options.labels };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: options.namespace ?? "default", labels },
    spec: {
      replicas: options.replicas ?? 1,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: { containers: [containerFor(containerNameOf(image, name), image, options)] },
      },
    },
  };
}
