import { ApiError, NotFoundError } from "../api/errors.ts";
import type { Endpoints, Service } from "../api/types.ts";
import { type RouteCursor, type RouteResult, ServiceRouter } from "../network/mod.ts";
import type { Store } from "../store/store.ts";

/** The annotation on a Service's Endpoints where the rotation's cursor is kept between processes. */
export const ROUTE_CURSOR_ANNOTATION = "kclone.dev/route-cursor";

/** Which Service route() sends a request to. */
export interface ClusterRouteOptions {
  /** Namespace of the Service (default `default`). */
  namespace?: string;
  /** A service port number or name (default: the first port). */
  port?: string | number;
}

interface Target {
  service: Service;
  endpoints: Endpoints | undefined;
  revision: number;
}

/**
 * Round robin for a Cluster: the ServiceRouter's strict rotation, fed from the store (re-read only
 * when the store's revision moved), and a cursor that survives the process: flush() writes it to
 * the Endpoints, and the first route() of a later process resumes from there.
 */
export class ClusterRouter {
  #store: Store;
  #router = new ServiceRouter();
  #targets = new Map<string, Target>();
  #touched = new Set<string>();

  /** Routes Services stored in `store`. */
  constructor(store: Store) {
    this.#store = store;
  }

  /** The next ready endpoint of a Service; NotFound without the Service, ServiceUnavailable without endpoints. */
  async route(name: string, options: ClusterRouteOptions = {}): Promise<RouteResult> {
    const namespace = options.namespace ?? "default";
    const key = `${namespace}/${name}`;
    const revision = await this.#store.revision();
    let target = this.#targets.get(key);
    if (!target || target.revision !== revision) {
      target = await this.#load(namespace, name, revision, target === undefined);
      this.#targets.set(key, target);
    }
    this.#touched.add(key);
    return this.#router.route(target.service, target.endpoints, { port: options.port });
  }

  /** Saves the cursor of every Service routed since the last flush. */
  async flush(): Promise<void> {
    for (const key of this.#touched) {
      const target = this.#targets.get(key);
      const cursor = target && this.#router.cursorOf(target.service);
      if (cursor) await this.#saveCursor(target.service, cursor);
    }
    this.#touched.clear();
  }

  async #load(namespace: string, name: string, revision: number, first: boolean): Promise<Target> {
    const service = await this.#store.get("Service", namespace, name);
    if (!service) throw new NotFoundError("services", name);
    const endpoints = await this.#store.get("Endpoints", namespace, name);
    const saved = endpoints?.metadata.annotations?.[ROUTE_CURSOR_ANNOTATION];
    if (first && saved) {
      try {
        this.#router.restoreCursor(service, JSON.parse(saved) as RouteCursor);
      } catch {
        // A cursor that cannot be read only means the rotation starts over.
      }
    }
    return { service, endpoints, revision };
  }

  async #saveCursor(service: Service, cursor: RouteCursor): Promise<void> {
    const value = JSON.stringify(cursor);
    for (let attempt = 0; attempt < 5; attempt++) {
      const endpoints = await this.#store.get(
        "Endpoints",
        service.metadata.namespace,
        service.metadata.name!,
      );
      if (!endpoints || endpoints.metadata.annotations?.[ROUTE_CURSOR_ANNOTATION] === value) return;
      const annotations = { ...endpoints.metadata.annotations, [ROUTE_CURSOR_ANNOTATION]: value };
      try {
        await this.#store.update({
          ...endpoints,
          metadata: { ...endpoints.metadata, annotations },
        });
        return;
      } catch (error) {
        if (!(error instanceof ApiError && error.reason === "Conflict")) throw error;
      }
    }
  }
}
