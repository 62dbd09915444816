import type { IntOrString, Service } from "../../api/types.ts";

/** Options of serviceObject(). */
export interface ServiceObjectOptions {
  /** Namespace (default `default`). */
  namespace?: string;
  /** The pods that receive traffic (default `app=NAME`). */
  selector?: Record<string, string>;
  /** Port on the ClusterIP (default 80). */
  port?: number;
  /** Port number or name on the pods (default 80). */
  targetPort?: IntOrString;
  /** ClusterIP (default) or NodePort. */
  type?: "ClusterIP" | "NodePort";
}

/**
 * The Service of `service-create`: one TCP port to the pods of the selector. Its ClusterIP (and
 * node port) are allocated when it is written.
 *
 * @example
 * ```ts
 * import { serviceObject } from "./service_object.ts";
 * serviceObject("web").spec;
 * // { type: "ClusterIP", selector: { app: "web" }, ports: [{ protocol: "TCP", port: 80, targetPort: 80 }] }
 * ```
 */
export function serviceObject(name: string, options: ServiceObjectOptions = {}): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: options.namespace ?? "default" },
    spec: {
      type: options.type ?? "ClusterIP",
      selector: options.selector ?? { app: name },
      ports: [{ protocol: "TCP", port: options.port ?? 80, targetPort: options.targetPort ?? 80 }],
    },
  };
}
