import type { Cluster } from "../cluster/cluster.ts";
import { cachedOpenApiDocument, openApiRoot } from "./openapi/mod.ts";
import { openApiV2Response } from "./openapi/v2.ts";
import { apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from "./discovery.ts";
import { handleResource } from "./handlers.ts";
import { errorResponse, jsonResponse, methodNotAllowed, pathNotFound } from "./_responses.ts";
import { parseApiPath } from "./routes.ts";
import { bearerTokenCheck } from "./auth.ts";

/** Where the server listens. */
export interface ApiServerListenOptions {
  /** Address to bind (default `127.0.0.1`). */
  hostname?: string;
  /** Port (default 6443; 0 picks a free one). */
  port?: number;
  /** PEM certificate (chain) to serve HTTPS with; needs `key`. Without both: plain HTTP. */
  cert?: string;
  /** PEM private key of `cert`. */
  key?: string;
}

/** Options of an ApiServer. */
export interface ApiServerOptions {
  /**
   * The bearer token every request must carry (`Authorization: Bearer <token>`), except the
   * health endpoints; without one, requests are not authenticated.
   */
  token?: string;
}

/** Health endpoints, answered `ok` as kube-apiserver does. */
const HEALTH_PATHS = new Set(["/healthz", "/livez", "/readyz"]);

/**
 * The Kubernetes REST and watch API over a cluster, on HTTP or HTTPS: discovery, then get, list,
 * watch, create, update and delete on every served resource, errors as Status. With a token,
 * every request but `/healthz`, `/livez` and `/readyz` must carry it, or gets 401 Unauthorized.
 *
 * @example
 * ```ts
 * import { Cluster } from "@kclone/kclone";
 * import { ApiServer } from "./api_server.ts";
 * const cluster = await Cluster.open();
 * const server = new ApiServer(cluster);
 * const url = await server.start({ port: 0 });
 * console.log((await fetch(`${url}/version`).then((r) => r.json())).major); // "1"
 * await server.stop();
 * await cluster.close();
 * ```
 */
export class ApiServer {
  readonly #cluster: Cluster;
  readonly #token: string | undefined;
  #server: Deno.HttpServer<Deno.NetAddr> | undefined;
  #stopping = new AbortController();
  #url = "";

  /** A server for `cluster` (not yet listening). */
  constructor(cluster: Cluster, options: ApiServerOptions = {}) {
    this.#cluster = cluster;
    this.#token = options.token;
  }

  /** The base URL, e.g. `http://127.0.0.1:6443` (`https://` with TLS), once started. */
  get url(): string {
    return this.#url;
  }

  /** Starts listening; resolves with the base URL once the port is bound. */
  start(options: ApiServerListenOptions = {}): Promise<string> {
    if (this.#server) throw new Error("ApiServer already started");
    const hostname = options.hostname ?? "127.0.0.1";
    const { cert, key } = options;
    if ((cert === undefined) !== (key === undefined)) {
      throw new Error("ApiServer needs both cert and key for TLS");
    }
    const tls = cert !== undefined && key !== undefined ? { cert, key } : {};
    this.#stopping = new AbortController();
    this.#server = Deno.serve(
      { hostname, port: options.port ?? 6443, onListen: () => {}, ...tls },
      (request) => this.handle(request),
    );
    const { port } = this.#server.addr;
    const host = hostname.includes(":") ? `[${hostname}]` : hostname;
    this.#url = `${cert === undefined ? "http" : "https"}://${host}:${port}`;
    return Promise.resolve(this.#url);
  }

  /** Ends every watch, stops listening and waits for requests in flight. */
  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    this.#stopping.abort();
    await server.shutdown();
  }

  /** Answers one request (exposed for tests that skip the network). */
  async handle(request: Request): Promise<Response> {
    try {
      const path = new URL(request.url).pathname.replace(/(.)\/+$/, "$1");
      if (HEALTH_PATHS.has(path)) {
        return new Response("ok", { headers: { "content-type": "text/plain; charset=utf-8" } });
      }
      // Before routing, so that an unauthenticated request reads and writes nothing.
      const denied = this.#token === undefined
        ? undefined
        : await bearerTokenCheck(request, this.#token);
      if (denied) return denied;
      return await this.#route(request, path);
    } catch (error) {
      return errorResponse(error);
    }
  }

  async #route(request: Request, path: string): Promise<Response> {
    if (path === "/openapi/v2") {
      return request.method === "GET" ? openApiV2Response(request) : methodNotAllowed();
    }
    if (path === "/openapi/v3" || path.startsWith("/openapi/v3/")) {
      return request.method === "GET" ? openApiResponse(path) : methodNotAllowed();
    }
    const document = discoveryDocument(path, this.#url);
    if (document !== undefined) {
      return request.method === "GET" ? jsonResponse(document) : methodNotAllowed();
    }
    const apiPath = parseApiPath(path);
    if (!apiPath?.resource) return pathNotFound();
    return await handleResource(this.#cluster, request, apiPath, {
      signal: this.#stopping.signal,
      token: this.#token,
    });
  }
}

/** `/openapi/v3` (the index) and `/openapi/v3/<group-version>` (kubectl's validation and explain). */
function openApiResponse(path: string): Response {
  if (path === "/openapi/v3") return jsonResponse(openApiRoot());
  const cached = cachedOpenApiDocument(path.slice("/openapi/v3/".length));
  if (!cached) return pathNotFound();
  return new Response(cached.json, {
    headers: { "content-type": "application/json", etag: `"${cached.hash}"` },
  });
}

/** The discovery document of a path (`/version`, `/api`, `/apis`, `/api/v1`, ...), if any. */
function discoveryDocument(path: string, url: string): unknown {
  if (path === "/version") return versionInfo();
  if (path === "/api") return apiVersions(new URL(url || "http://127.0.0.1").host);
  if (path === "/apis") return apiGroupList();
  const apiPath = parseApiPath(path);
  if (!apiPath || apiPath.resource !== undefined) return undefined;
  if (apiPath.version === "") return apiGroup(apiPath.group);
  return apiResourceList(apiPath.group, apiPath.version);
}
