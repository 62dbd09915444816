import { errorFromStatus } from "./status_error.ts";
import { ServerConnectionError } from "./server_connection_error.ts";
import {
  afterFailure,
  type ConnectionFailure,
  connectionFailure,
  mayRetryElsewhere,
  nextServer,
} from "./_server_rotation.ts";
import { parseServerUrls } from "./server_urls.ts";

/** How ApiClient reaches the server. */
export interface ApiClientOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** PEM certificates of the authorities to trust (a self-signed server's CA). */
  caCerts?: string[];
  /**
   * How long a server may take to answer (its status line and headers) before the request
   * counts as failed and, when it is safe to, goes to the next server. Default: 30,000 ms with
   * several servers (a hung or unreachable one must not hold the client); none with one, as
   * kubectl waits (there is nowhere else to go).
   */
  timeoutMs?: number;
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

/** A response, and which server (its index in the client's list) gave it. */
export interface ServerResponse {
  /** The 2xx response, its body unread. */
  response: Response;
  /** The server's index. */
  server: number;
}

/** Go's words for a server that sent no headers in time (kubectl prints them). */
const TIMEOUT_MESSAGE =
  "net/http: request canceled (Client.Timeout exceeded while awaiting headers)";

/**
 * JSON over HTTP to one of several Kubernetes API servers of one cluster: the bearer token on
 * every request, a custom CA for https, failures as typed ApiErrors (from the Status the server
 * sends) or as a ServerConnectionError. Requests go to the current server; one that cannot reach
 * it moves the client on to the next and is sent there (each server once) when it is safe to:
 * reads always, writes only when they never left (see mayRetryElsewhere).
 */
export class ApiClient {
  readonly #urls: string[];
  readonly #bases: URL[];
  readonly #headers: Headers;
  readonly #client: Deno.HttpClient | undefined;
  readonly #timeoutMs: number | undefined;
  #current = 0;

  /** A client of the servers at `urls` (`http://127.0.0.1:6443`, `https://...`, or a list). */
  constructor(urls: string | readonly string[], options: ApiClientOptions = {}) {
    this.#urls = parseServerUrls(urls);
    if (this.#urls.length === 0) throw new TypeError("no API server URL was given");
    this.#bases = this.#urls.map((url) => new URL(url));
    this.#headers = new Headers({ accept: "application/json" });
    if (options.token) this.#headers.set("authorization", `Bearer ${options.token}`);
    this.#client = options.caCerts?.length
      ? Deno.createHttpClient({ caCerts: options.caCerts })
      : undefined;
    this.#timeoutMs = options.timeoutMs ?? (this.#urls.length > 1 ? 30_000 : undefined);
  }

  /** The current server's URL, as given. */
  get url(): string {
    return this.#urls[this.#current];
  }

  /** `host:port` of server `server` (the current one by default), as kubectl names it. */
  host(server: number = this.#current): string {
    return this.#bases[server].host;
  }

  /** Sends a request; resolves to a 2xx response, rejects with the error the server answered. */
  async send(method: string, path: string, request: ApiRequest = {}): Promise<Response> {
    return (await this.open(method, path, request)).response;
  }

  /** As send(), also telling which server answered (to report a broken stream with failed()). */
  async open(method: string, path: string, request: ApiRequest = {}): Promise<ServerResponse> {
    const { value, server } = await this.#exchange(
      method,
      path,
      request,
      (r) => Promise.resolve(r),
    );
    return { response: value, server };
  }

  /** Sends a request and reads its JSON answer. */
  async json<T>(method: string, path: string, request: ApiRequest = {}): Promise<T> {
    const { value } = await this.#exchange(method, path, request, (r) => r.json() as Promise<T>);
    return value;
  }

  /** Server `server` broke a connection after answering (a watch stream): move on from it. */
  failed(server: number): void {
    this.#current = afterFailure(this.#urls.length, this.#current, server);
  }

  /** Releases the TLS client, if any. */
  close(): void {
    this.#client?.close();
  }

  async #exchange<T>(
    method: string,
    path: string,
    request: ApiRequest,
    read: (response: Response) => Promise<T>,
  ): Promise<{ value: T; server: number }> {
    const tried = new Set<number>();
    for (let server = this.#current;;) {
      tried.add(server);
      let failure: ConnectionFailure;
      let cause: unknown;
      try {
        const response = await this.#fetch(server, method, path, request);
        if (!response.ok) {
          const text = await response.text();
          throw errorFromStatus(parseJson(text) ?? text, response.status);
        }
        return { value: await read(response), server };
      } catch (error) {
        // A Status the server answered, a body that is no JSON, or the caller giving up.
        if (!(error instanceof TypeError) && !(error instanceof TimeoutError)) throw error;
        if (request.signal?.aborted) throw error;
        failure = error instanceof TimeoutError ? "unanswered" : connectionFailure(error);
        cause = error;
      }
      this.failed(server);
      const next = nextServer(this.#urls.length, this.#current, tried);
      if (next === undefined || !mayRetryElsewhere(method, failure)) {
        throw new ServerConnectionError(this.host(server), cause);
      }
      server = next;
    }
  }

  async #fetch(
    server: number,
    method: string,
    path: string,
    request: ApiRequest,
  ): Promise<Response> {
    const base = this.#bases[server];
    const url = new URL(base.pathname.replace(/\/$/, "") + path, base);
    if (request.query) url.search = request.query.toString();
    const headers = new Headers(this.#headers);
    if (request.body !== undefined) headers.set("content-type", "application/json");
    const timeout = new AbortController();
    const timer = this.#timeoutMs === undefined
      ? undefined
      : setTimeout(() => timeout.abort(new TimeoutError()), this.#timeoutMs);
    // Only the wait for headers is timed: a watch's body may stream for hours.
    const signals = [timeout.signal, ...(request.signal ? [request.signal] : [])];
    try {
      return await fetch(url, {
        method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.any(signals),
        ...(this.#client ? { client: this.#client } : {}),
      });
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A server that sent no headers within the client's timeout. */
class TimeoutError extends Error {
  constructor() {
    super(TIMEOUT_MESSAGE);
    this.name = "TimeoutError";
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
