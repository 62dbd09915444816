import { ConflictError, GoneError, NotFoundError } from "../../api/errors.ts";
import { KINDS, qualifiedResource } from "../../api/kinds.ts";
import type { AnyObject, Kind, KindMap, Service } from "../../api/types.ts";
import type { ServiceNetworkOptions } from "../../network/mod.ts";
import type {
  BatchOperation,
  ChangePage,
  DeleteOptions,
  ListOptions,
  ListResult,
  Store,
  StoreDump,
  TallyResult,
  WatchEvent,
  WatchOptions,
} from "../store.ts";
import { ApiClient, type ApiClientOptions } from "./_api_client.ts";
import { pageOf } from "../_list_page.ts";
import { byNamespaceAndName } from "../_object.ts";
import { type ListBody, pageParameters, pageResult } from "./_page_query.ts";
import { rangesFromServices } from "./_service_ranges.ts";
import { resumingWatch } from "./_resuming_watch.ts";
import { nameOf, namespaceOf, scoped, typed } from "./_targets.ts";
import { listQuery, resourcePath } from "./api_paths.ts";
import { NotServedError } from "./not_served_error.ts";
import { tallyList } from "../_tally.ts";

/** Options of a RemoteStore. */
export interface RemoteStoreOptions extends ApiClientOptions {
  /** The server's service network, to derive its allocation ranges (default as kube-apiserver's). */
  network?: ServiceNetworkOptions;
}

/**
 * A Store over the Kubernetes REST API of a running server (`kclone server`, or any API server
 * that serves these kinds): get, list, create, update and delete are one request each, watch a
 * `?watch=1` stream, failures the same typed ApiErrors the server's own store throws.
 *
 * What HTTP cannot give: batch() sends its writes one by one (deletes last), so it is not atomic,
 * as kubectl's multi-object apply is not; changes() is Gone (caches then list again); restore()
 * and compact() are refused (NotServedError). The service allocation ranges, never served, are
 * derived from the Services, and their writes are left to the server.
 *
 * Several servers of one cluster (`["http://a:6443", "http://b:6443"]`, or the text
 * `"http://a:6443,http://b:6443"`): requests go to the first until it cannot be reached, then
 * to the next (reads are sent again there, writes only when they never left: a write whose
 * answer was lost fails with a ServerConnectionError and the caller reads and decides, as after
 * any failed write). A watch whose server goes away resumes on the next one from the last
 * resourceVersion it delivered, so the caller sees neither a gap nor a repeat.
 *
 * @example
 * ```ts ignore
 * import { RemoteStore } from "./remote_store.ts";
 * const store = new RemoteStore(["http://127.0.0.1:6443", "http://127.0.0.1:6444"], {
 *   token: "secret",
 * });
 * const { items } = await store.list("Pod", { namespace: "default" });
 * console.log(items.map((pod) => pod.metadata.name));
 * await store.close();
 * ```
 */
export class RemoteStore implements Store {
  readonly #api: ApiClient;
  readonly #network: ServiceNetworkOptions;
  readonly #closed = new AbortController();
  /** Watches still fixing their start: writes wait for them, so a watch sees every later write. */
  readonly #starting = new Set<Promise<unknown>>();

  /**
   * A store on the API server at `url`, or on the servers of a list (an array, or URLs joined
   * by commas). A TypeError names a URL that is not http or https.
   */
  constructor(url: string | readonly string[], options: RemoteStoreOptions = {}) {
    this.#api = new ApiClient(url, options);
    this.#network = options.network ?? {};
  }

  /** The URL of the server requests go to now. */
  get url(): string {
    return this.#api.url;
  }

  /** One object, or undefined when the server has none. */
  async get<K extends Kind>(
    kind: K,
    namespace: string | undefined,
    name: string,
  ): Promise<KindMap[K] | undefined> {
    if (kind === "RangeAllocation") {
      const ranges = await this.#ranges();
      return ranges.items.find((r) => r.metadata.name === name) as KindMap[K] | undefined;
    }
    try {
      const path = resourcePath(kind, scoped(kind, namespace), name);
      return typed(kind, await this.#api.json<AnyObject>("GET", path)) as KindMap[K];
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * Objects of a kind that match the options, and the revision of the read. A page (`limit`,
   * `after`) is one request with `limit` and a continue token made from `after`; the server pages.
   */
  async list<K extends Kind>(kind: K, options: ListOptions = {}): Promise<ListResult<KindMap[K]>> {
    if (kind === "RangeAllocation") {
      const ranges = await this.#ranges();
      const ordered = [...ranges.items].sort(byNamespaceAndName);
      return { ...ranges, ...pageOf(kind, ordered, options) } as ListResult<KindMap[K]>;
    }
    const page = pageParameters(kind, options);
    if (!page) return { items: [], resourceVersion: String(await this.revision()) };
    const path = resourcePath(kind, scoped(kind, options.namespace));
    const query = new URLSearchParams({ ...Object.fromEntries(listQuery(options)), ...page });
    const body = await this.#api.json<ListBody>("GET", path, { query });
    return pageResult(body, (item) => typed(kind, item)) as ListResult<KindMap[K]>;
  }

  /** How many objects of a kind share each combination of values at `paths`, from a list. */
  tally(kind: Kind, paths: string[]): Promise<TallyResult> {
    return tallyList((k) => this.list(k), kind, paths);
  }

  /** POSTs a new object; AlreadyExists on a taken name. */
  async create<T extends AnyObject>(object: T): Promise<T> {
    if (object.kind === "RangeAllocation") return structuredClone(object);
    await this.#watchesStarted();
    const path = resourcePath(object.kind, scoped(object.kind, namespaceOf(object)));
    return typed(object.kind, await this.#api.json<T>("POST", path, { body: object }));
  }

  /** PUTs an object; Conflict when its resourceVersion is stale. */
  async update<T extends AnyObject>(object: T): Promise<T> {
    if (object.kind === "RangeAllocation") return structuredClone(object);
    const path = resourcePath(
      object.kind,
      scoped(object.kind, namespaceOf(object)),
      nameOf(object),
    );
    return typed(object.kind, await this.#api.json<T>("PUT", path, { body: object }));
  }

  /**
   * DELETEs an object and returns it as it was last read. A resourceVersion precondition is
   * checked here on that read and also sent to the server (as DeleteOptions.preconditions).
   */
  async delete(
    kind: Kind,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): Promise<AnyObject> {
    await this.#watchesStarted();
    const path = resourcePath(kind, scoped(kind, namespace), name);
    const current = typed(kind, await this.#api.json<AnyObject>("GET", path));
    const version = current.metadata.resourceVersion;
    if (options.resourceVersion && options.resourceVersion !== version) {
      throw new ConflictError(
        qualifiedResource(kind),
        name,
        `Precondition failed: ResourceVersion in precondition: ${options.resourceVersion}, ResourceVersion in object meta: ${version}`,
      );
    }
    const body = {
      kind: "DeleteOptions",
      apiVersion: "v1",
      ...(options.resourceVersion
        ? { preconditions: { resourceVersion: options.resourceVersion } }
        : {}),
    };
    const answer = await this.#api.json<AnyObject>("DELETE", path, { body });
    return answer.kind === kind ? answer : current;
  }

  /**
   * Sends the writes one request at a time, deletes after the rest (so that a server's garbage
   * collector never sees an owner gone before its dependents were let go). Not atomic: a failure
   * leaves the writes before it done, as kubectl's multi-object apply does.
   */
  async batch(operations: BatchOperation[]): Promise<AnyObject[]> {
    const results: AnyObject[] = new Array(operations.length);
    const indexes = operations.map((_, i) => i);
    const order = [
      ...indexes.filter((i) => operations[i].op !== "delete"),
      ...indexes.filter((i) => operations[i].op === "delete"),
    ];
    for (const i of order) {
      const op = operations[i];
      results[i] = op.op === "create"
        ? await this.create(op.object)
        : op.op === "update"
        ? await this.update(op.object)
        : op.kind === "RangeAllocation"
        ? { apiVersion: "v1", kind: op.kind, metadata: { name: op.name } }
        : await this.delete(op.kind, op.namespace, op.name, {
          resourceVersion: op.resourceVersion,
        });
    }
    return results;
  }

  /**
   * Every change to objects of a kind after options.resourceVersion (from now when absent), as
   * the server's watch streams them; a stream the server ends is opened again from the last
   * event seen, and one whose connection breaks (the server died) on the next server.
   */
  watch(kind: Kind, options: WatchOptions = {}): AsyncIterable<WatchEvent> {
    // "From now" is fixed when watch() is called, not when the caller starts reading.
    const from = options.resourceVersion
      ? Promise.resolve(options.resourceVersion)
      : this.revision().then(String);
    const started = from.catch(() => {}).finally(() => this.#starting.delete(started));
    this.#starting.add(started);
    return this.#watch(kind, options, from);
  }

  async *#watch(kind: Kind, options: WatchOptions, from: Promise<string>) {
    const stop = new AbortController();
    const signal = AbortSignal.any([
      stop.signal,
      this.#closed.signal,
      ...(options.signal ? [options.signal] : []),
    ]);
    const path = resourcePath(kind, scoped(kind, options.namespace));
    try {
      yield* resumingWatch(this.#api, path, { ...options, kind, from, signal });
    } finally {
      stop.abort();
    }
  }

  /** Gone: the API serves no change log, so a cache catching up lists everything again. */
  changes(revision: number): Promise<ChangePage> {
    return Promise.reject(
      new GoneError(
        `too old resource version: ${revision} (the API server at ${this.url} serves no change log: list again)`,
      ),
    );
  }

  /** The resourceVersion of a list (of one namespace): the server's current revision. */
  async revision(): Promise<number> {
    const query = new URLSearchParams({ fieldSelector: "metadata.name=default" });
    const body = await this.#api.json<ListBody>("GET", resourcePath("Namespace"), { query });
    return Number(body.metadata?.resourceVersion ?? 0);
  }

  /** Refused: the API has no request that forgets history. */
  compact(_revision: number): Promise<void> {
    return Promise.reject(
      new NotServedError(
        `compacting is not possible through the API server at ${this.url}: the server compacts its own history`,
      ),
    );
  }

  /**
   * Every object of every kind the server serves, one list per kind (not one consistent read, as
   * Kubernetes offers none), with the allocation ranges derived from the Services.
   */
  async dump(): Promise<StoreDump> {
    const objects: AnyObject[] = [];
    for (const info of KINDS) objects.push(...(await this.list(info.kind)).items);
    return { objects, revision: await this.revision() };
  }

  /** Refused: the API cannot replace a cluster's whole state. */
  restore(_objects: AnyObject[]): Promise<void> {
    return Promise.reject(
      new NotServedError(
        `replacing the whole state is not possible through the API server at ${this.url}; ` +
          "load the snapshot into the server's database with --db instead",
      ),
    );
  }

  /** Ends every open watch and releases the connection. */
  close(): Promise<void> {
    this.#closed.abort();
    this.#api.close();
    return Promise.resolve();
  }

  async #watchesStarted(): Promise<void> {
    if (this.#starting.size > 0) await Promise.all(this.#starting);
  }

  async #ranges(): Promise<ListResult<AnyObject>> {
    const services = await this.list("Service");
    return {
      items: rangesFromServices(
        services.items as Service[],
        services.resourceVersion,
        this.#network,
      ),
      resourceVersion: services.resourceVersion,
    };
  }
}
