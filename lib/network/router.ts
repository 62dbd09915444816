/**
 * Round robin over a Service's ready endpoints, in the spirit of kube-proxy's userspace proxy.
 *
 * @module
 */
import { ServiceUnavailableError } from "../api/errors.ts";
import type { Endpoints, Service } from "../api/types.ts";
import { compileRoutes, indexAfter, type RouteResult, type RouteTable } from "./_route_table.ts";

export type { RouteResult } from "./_route_table.ts";

/** Options of ServiceRouter.route(). */
export interface RouteOptions {
  /** A service port number (mapped to its port name) or an endpoint port name; default: the first service port. */
  port?: string | number;
}

/** Where a service's rotation stands, as a small JSON value another process can resume from. */
export interface RouteCursor {
  /** IP of the endpoint that served the last request. */
  ip: string;
}

interface RouteState {
  /** The compiled Endpoints and the object, uid and resourceVersion it was compiled from. */
  table?: { source: Endpoints; uid?: string; resourceVersion?: string; routes: RouteTable };
  /** The route list of the last request and the index served from it. */
  list?: readonly RouteResult[];
  index: number;
  /** IP served last: the cursor. */
  last?: string;
}

function keyOf(service: Service): string {
  return `${service.metadata.namespace ?? "default"}/${service.metadata.name ?? ""}`;
}

/** kube-apiserver's service proxy: a port number picks the service port of that number, by name. */
function portNameOf(service: Service, port: string | number | undefined): string {
  const ports = service.spec?.ports ?? [];
  if (port === undefined) return ports[0]?.name ?? "";
  const number = typeof port === "number" ? port : /^\d+$/.test(port) ? Number(port) : undefined;
  if (number === undefined) return String(port);
  const match = ports.find((p) => p.port === number);
  if (!match) {
    throw new ServiceUnavailableError(
      `no service port ${number} found for service "${service.metadata.name}"`,
    );
  }
  return match.name ?? "";
}

/**
 * Routes requests to a Service's ready endpoints in strict rotation, one instance per process.
 *
 * The rotation runs over the ready addresses (never `notReadyAddresses`) sorted by IP, so its
 * order depends on the addresses alone. Each service keeps a cursor, the IP it served last; when
 * the Endpoints change, the rotation goes on with the first address after that IP in the new
 * order rather than starting over. (kube-proxy's userspace round robin reshuffled and restarted
 * at 0 on every change; kclone's order makes "a, b, c, a, b, c" hold across changes and
 * processes.) cursorOf() and restoreCursor() carry the rotation from one process to the next.
 *
 * The Endpoints are compiled once per uid and resourceVersion (sorted, answers prebuilt); a
 * request is then a map lookup and an index step: no pod scan, no sort, no allocation. Endpoints
 * objects are treated as immutable, as the store and the caches hand them out: pass a new object
 * (or a new resourceVersion) for a change.
 *
 * @example
 * ```ts
 * import { ServiceRouter } from "./router.ts";
 * import type { Endpoints, Service } from "../api/types.ts";
 * const service: Service = {
 *   apiVersion: "v1",
 *   kind: "Service",
 *   metadata: { name: "web", namespace: "default" },
 *   spec: { ports: [{ port: 80 }] },
 * };
 * const endpoints: Endpoints = {
 *   apiVersion: "v1",
 *   kind: "Endpoints",
 *   metadata: { name: "web", namespace: "default" },
 *   subsets: [{
 *     addresses: [{ ip: "10.244.0.5", targetRef: { kind: "Pod", name: "web-a" } }],
 *     ports: [{ port: 8080 }],
 *   }],
 * };
 * const router = new ServiceRouter();
 * console.log(router.route(service, endpoints)); // { pod: "web-a", namespace: "default", ip: "10.244.0.5", port: 8080 }
 * ```
 */
export class ServiceRouter {
  #states: Map<string, RouteState> = new Map();

  /**
   * The endpoint for the next request to `service`. ServiceUnavailableError (503) when there is
   * none ready: `no endpoints available for service "web"` (kube-apiserver's service proxy
   * wording; also for a missing Endpoints object), or `no service port 8080 found for service
   * "web"` for a port number the service does not have.
   */
  route(
    service: Service,
    endpoints: Endpoints | undefined,
    options: RouteOptions = {},
  ): RouteResult {
    const key = keyOf(service);
    let state = this.#states.get(key);
    if (!state) this.#states.set(key, state = { index: -1 });
    const portName = portNameOf(service, options.port);
    const routes = endpoints ? this.#tableOf(state, endpoints).get(portName) : undefined;
    if (!routes || routes.length === 0) {
      throw new ServiceUnavailableError(
        `no endpoints available for service "${service.metadata.name}"`,
      );
    }
    let index: number;
    if (state.list === routes) index = state.index + 1 === routes.length ? 0 : state.index + 1;
    else index = indexAfter(routes, state.last);
    state.list = routes;
    state.index = index;
    const result = routes[index];
    state.last = result.ip;
    return result;
  }

  /** Where the rotation of `service` stands, or undefined before its first request. */
  cursorOf(service: Service): RouteCursor | undefined {
    const last = this.#states.get(keyOf(service))?.last;
    return last === undefined ? undefined : { ip: last };
  }

  /**
   * Resumes the rotation of `service` after `cursor` (from cursorOf(), possibly in another
   * process): the next request goes to the first ready address after the cursor's IP. A missing
   * or malformed cursor starts the rotation over.
   */
  restoreCursor(service: Service, cursor: RouteCursor | undefined): void {
    const ip = typeof cursor?.ip === "string" ? cursor.ip : undefined;
    const state = this.#states.get(keyOf(service));
    if (state) {
      state.last = ip;
      state.list = undefined;
    } else if (ip !== undefined) {
      this.#states.set(keyOf(service), { index: -1, last: ip });
    }
  }

  /** Drops what the router keeps for `service` (call it when the service is deleted). */
  forget(service: Service): void {
    this.#states.delete(keyOf(service));
  }

  #tableOf(state: RouteState, endpoints: Endpoints): RouteTable {
    const table = state.table;
    const { uid, resourceVersion } = endpoints.metadata;
    if (table && table.source === endpoints) return table.routes;
    if (
      table && uid !== undefined && resourceVersion !== undefined && table.uid === uid &&
      table.resourceVersion === resourceVersion
    ) {
      table.source = endpoints;
      return table.routes;
    }
    const routes = compileRoutes(endpoints);
    state.table = { source: endpoints, uid, resourceVersion, routes };
    return routes;
  }
}
