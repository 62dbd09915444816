import type { Container, Pod } from "../../api/types.ts";

/** What `pod-create` and `deploy-create` put in a container. */
export interface ContainerOptions {
  /** CPU request as a quantity (default `1`). */
  cpu?: string;
  /** Memory request as a quantity (default `128Mi`). */
  memory?: string;
}

/** Options of podObject(). */
export interface PodObjectOptions extends ContainerOptions {
  /** Namespace (default `default`). */
  namespace?: string;
  /** Labels (default `run=NAME`, as `kubectl run` sets). */
  labels?: Record<string, string>;
}

/** One container running `image` with requests of `cpu` and `memory`. */
export function containerFor(
  name: string,
  image: string,
  options: ContainerOptions = {},
): Container {
  return {
    name,
    image,
    resources: { requests: { cpu: options.cpu ?? "1", memory: options.memory ?? "128Mi" } },
  };
}

/**
 * The Pod of `pod-create`: one container named after the pod, as `kubectl run` makes it, with
 * the requests the scheduler packs by.
 *
 * @example
 * ```ts
 * import { podObject } from "./pod_object.ts";
 * podObject("nginx", "nginx:1.27").spec.containers[0].resources;
 * // { requests: { cpu: "1", memory: "128Mi" } }
 * ```
 */
export function podObject(name: string, image: string, options: PodObjectOptions = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: options.namespace ?? "default",
      labels: options.labels ?? { run: name },
    },
    spec: { containers: [containerFor(name, image, options)] },
  };
}
