/**
 * JSON over HTTP to etcd's v3 gateway, with failover between members: a request goes to the
 * member that answered last and moves on to the next one when that one cannot be reached. Every
 * failure to reach etcd becomes a ServiceUnavailableError naming etcd and its URLs; etcd's own
 * refusals become EtcdRequestError (500, with etcd's message and gRPC code).
 *
 * @module
 */
import { ApiError, ServiceUnavailableError } from "../../api/errors.ts";
import { int64 } from "./_codec.ts";

/** The gRPC code etcd answers a read or watch below the compacted revision with (OutOfRange). */
export const COMPACTED_CODE = 11;
const UNAVAILABLE_CODES = new Set([4, 14]); // DeadlineExceeded, Unavailable
/** What a member without a leader answers at once to a request that requires one. */
const NO_LEADER = "etcdserver: no leader";
/**
 * gRPC metadata (through the gateway's `Grpc-Metadata-` headers) asking etcd to refuse a request
 * at once when the member has no leader, as clientv3.WithRequireLeader does for kube-apiserver:
 * without it, a member that lost quorum holds every request until its own timeout (about 6 s).
 */
const REQUIRE_LEADER = { "grpc-metadata-hasleader": "true" };
/**
 * How long requests refused with "no leader" are tried again: an election takes one or two
 * election timeouts (1 s by default), so past this the cluster has most likely lost its quorum.
 */
const LEADER_WAIT_MS = 2_500;

/** etcd refused a request (not a transport failure): its message, as a 500 Status. */
export class EtcdRequestError extends ApiError {
  /** The gRPC status code etcd answered with. */
  readonly grpcCode: number;

  /** Makes the error from etcd's answer. */
  constructor(grpcCode: number, message: string) {
    super("InternalError", 500, message);
    this.grpcCode = grpcCode;
  }
}

/** How a request is sent. */
export interface CallOptions {
  /** A write: not sent again to another member once it may have reached one. */
  write?: boolean;
  /** Ends the request; for streams, also their body. */
  signal?: AbortSignal;
  /** Return the response with its body unread (watch streams). */
  stream?: boolean;
}

/** The header of every etcd answer. */
export interface ResponseHeader {
  revision?: string;
}

/** A client of the members at `urls`. */
export class EtcdClient {
  readonly urls: readonly string[];
  #current = 0;
  #timeoutMs: number;
  #revision = 0;

  /** A client; requests time out after `timeoutMs`. */
  constructor(urls: readonly string[], timeoutMs: number) {
    this.urls = urls.map((url) => url.replace(/\/+$/, ""));
    this.#timeoutMs = timeoutMs;
  }

  /** The highest revision any answer has reported: every write seen so far is at or below it. */
  get revision(): number {
    return this.#revision;
  }

  /** Notes a revision reported by an answer. */
  observe(header: ResponseHeader | undefined): void {
    const revision = int64(header?.revision);
    if (revision > this.#revision) this.#revision = revision;
  }

  /** Posts a JSON request to `path` (`/v3/kv/range`, ...) and returns etcd's JSON answer. */
  async call<T extends { header?: ResponseHeader }>(
    path: string,
    body: unknown,
    options: CallOptions = {},
  ): Promise<T> {
    const response = await this.#send(path, body, options);
    const answer = await response.json() as T;
    this.observe(answer.header);
    return answer;
  }

  /** Opens a streaming request (a watch); the body is left to the caller. */
  stream(path: string, body: unknown, signal: AbortSignal): Promise<Response> {
    return this.#send(path, body, { signal, stream: true });
  }

  /**
   * Sends to the members in turn from the one that answered last. While a member answers that it
   * has no leader (an election under way, or quorum lost) and nothing else went wrong, tries all
   * of them again every 100 ms for up to `LEADER_WAIT_MS`, then gives up with the causes.
   */
  async #send(path: string, body: unknown, options: CallOptions): Promise<Response> {
    const deadline = Date.now() + LEADER_WAIT_MS;
    for (;;) {
      const sent = await this.#sendOnce(path, body, options);
      if (sent instanceof Response) return sent;
      if (!sent.electing || Date.now() >= deadline || options.signal?.aborted) {
        throw new ServiceUnavailableError(`etcd is unavailable (${sent.causes.join("; ")})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async #sendOnce(path: string, body: unknown, options: CallOptions): Promise<Response | Failed> {
    const causes: string[] = [];
    let noLeader = 0;
    const first = this.#current;
    for (let attempt = 0; attempt < this.urls.length; attempt++) {
      const index = (first + attempt) % this.urls.length;
      const url = this.urls[index];
      const timeout = AbortSignal.timeout(this.#timeoutMs);
      let response: Response;
      try {
        response = await fetch(`${url}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...REQUIRE_LEADER },
          body: JSON.stringify(body),
          signal: options.stream
            ? options.signal
            : options.signal
            ? AbortSignal.any([options.signal, timeout])
            : timeout,
        });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        const cause = timeout.aborted
          ? `no answer within ${this.#timeoutMs} ms`
          : networkCause(error);
        causes.push(`${url}: ${cause}`);
        // A write that may have reached etcd must not be sent twice.
        if (options.write && !isConnectFailure(error)) return { causes, electing: false };
        continue;
      }
      if (response.ok) {
        this.#current = index;
        return response;
      }
      const failure = await readFailure(response);
      if (!isUnavailable(failure) && response.status !== 404) {
        throw new EtcdRequestError(failure.code, failure.message);
      }
      causes.push(`${url}: ${failure.message}`);
      // A request refused for want of a leader was never proposed: another member may take it.
      if (failure.message === NO_LEADER) noLeader++;
      else if (options.write) return { causes, electing: false };
    }
    return { causes, electing: noLeader > 0 && !options.signal?.aborted };
  }
}

/** Why no member took a request; `electing` when it may be sent again unchanged. */
interface Failed {
  causes: string[];
  electing: boolean;
}

async function readFailure(response: Response): Promise<{ code: number; message: string }> {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    // The v3 gateway answers `{"error":"<message>","message":"<message>","code":14}`; older
    // gateways nest it: `{"error":{"message":...,"grpc_code":14}}`.
    const error = typeof body.error === "object" && body.error !== null ? body.error : body;
    return {
      code: Number(error.code ?? error.grpc_code ?? 2),
      message: String(error.message ?? error.error ?? text),
    };
  } catch {
    return { code: 2, message: `HTTP ${response.status}: ${text.trim() || response.statusText}` };
  }
}

/**
 * True when the member could not serve the request now (no leader, no quorum, a deadline), as
 * opposed to refusing it: the gateway reports a lapsed deadline as code 2 (Unknown).
 */
function isUnavailable(failure: { code: number; message: string }): boolean {
  return UNAVAILABLE_CODES.has(failure.code) || failure.message === "context deadline exceeded";
}

/** True when the connection was never made, so nothing was sent. */
function isConnectFailure(error: unknown): boolean {
  return /\(Connect\)|connection refused|tcp connect error/i.test(networkCause(error));
}

/** The innermost message of a fetch failure, e.g. `tcp connect error: Connection refused`. */
function networkCause(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  let current: unknown = error;
  while (current instanceof Error && current.cause !== undefined) {
    current = current.cause;
    if (current instanceof Error) message = current.message;
  }
  const inner = /.*\): (.+)$/.exec(message);
  return inner ? inner[1] : message;
}
