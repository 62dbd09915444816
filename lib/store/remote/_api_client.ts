import { errorFromStatus } from "./status_error.ts";
import { ServerConnectionError } from "./server_connection_error.ts";

/** How ApiClient reaches the server. */
export interface ApiClientOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** PEM certificates of the authorities to trust (a self-signed server's CA). */
  caCerts?: string[];
}

/** One request: where, and what it carries. */
export interface ApiRequest {
  /** Query parameters. */
  query?: URLSearchParams;
  /** A JSON body. */
  body?: unknown;
  /** Ends the request (and the response's body) when aborted. */
  signal?: AbortSignal;
}

/**
 * JSON over HTTP to a Kubernetes API server: the bearer token on every request, a custom CA
 * for https, failures as typed ApiErrors (from the Status the server sends) or as a
 * ServerConnectionError.
 */
export class ApiClient {
  readonly #base: URL;
  readonly #headers: Headers;
  readonly #client: Deno.HttpClient | undefined;

  /** A client of the server at `url` (`http://127.0.0.1:6443`, `https://...`). */
  constructor(url: string, options: ApiClientOptions = {}) {
    this.#base = new URL(url);
    this.#headers = new Headers({ accept: "application/json" });
    if (options.token) this.#headers.set("authorization", `Bearer ${options.token}`);
    this.#client = options.caCerts?.length
      ? Deno.createHttpClient({ caCerts: options.caCerts })
      : undefined;
  }

  /** `host:port` of the server, as kubectl names it in connection errors. */
  get host(): string {
    return this.#base.host;
  }

  /** Sends a request; resolves to a 2xx response, rejects with the error the server answered. */
  async send(method: string, path: string, request: ApiRequest = {}): Promise<Response> {
    const url = new URL(this.#base.pathname.replace(/\/$/, "") + path, this.#base);
    if (request.query) url.search = request.query.toString();
    const headers = new Headers(this.#headers);
    if (request.body !== undefined) headers.set("content-type", "application/json");
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: request.signal,
        ...(this.#client ? { client: this.#client } : {}),
      });
    } catch (error) {
      if (request.signal?.aborted) throw error;
      throw new ServerConnectionError(this.host, error);
    }
    if (response.ok) return response;
    const text = await response.text();
    throw errorFromStatus(parseJson(text) ?? text, response.status);
  }

  /** Sends a request and reads its JSON answer. */
  async json<T>(method: string, path: string, request: ApiRequest = {}): Promise<T> {
    const response = await this.send(method, path, request);
    return await response.json() as T;
  }

  /** Releases the TLS client, if any. */
  close(): void {
    this.#client?.close();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
