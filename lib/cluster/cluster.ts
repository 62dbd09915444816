import { type Clock, rfc3339, systemClock } from "../api/clock.ts";
import { BadRequestError, NotFoundError } from "../api/errors.ts";
import { checkServed, kindInfo } from "../api/kinds.ts";
import type { AnyObject, Deployment, Kind, KindMap } from "../api/types.ts";
import type { SettleOptions, SettleResult } from "../controllers/control_plane.ts";
import { rollbackDeployment } from "../controllers/rollback.ts";
import type { RouteResult, ServiceNetworkOptions } from "../network/mod.ts";
import type { ScheduleExplanation } from "../scheduler/types.ts";
import { admitObject } from "../api/validation/mod.ts";
import { MemoryStore } from "../store/memory.ts";
import { SqliteStore } from "../store/sqlite.ts";
import { RemoteStore } from "../store/remote/remote_store.ts";
import { EtcdStore } from "../store/etcd/etcd_store.ts";
import {
  parseSnapshot,
  readSnapshotFile,
  type ReadSnapshotOptions,
  snapshotFromDump,
  writeSnapshotFile,
} from "../store/snapshot.ts";
import type {
  BatchOperation,
  ListOptions,
  Store,
  WatchEvent,
  WatchOptions,
} from "../store/store.ts";
import { type ApplyInput, applyManifests, type ApplyOptions, type ApplyResult } from "./apply.ts";
import { checkNamespace, ensureSystemNamespaces } from "./namespaces.ts";
import { isRangeRace, retryOnRace, withServiceAllocations } from "./service_writes.ts";
import { type ControlLoopOptions, ControlLoops, type StartOptions } from "./control_loops.ts";
import { type ClusterRouteOptions, ClusterRouter } from "./routing.ts";
import { deleteObject, type DeleteObjectOptions } from "./delete.ts";
import { type NodeUsage, nodeUsage } from "./node_usage.ts";

/** Options of Cluster.open. */
export interface ClusterOptions extends ControlLoopOptions {
  /** Service CIDR and node port range. */
  network?: ServiceNetworkOptions;
  /** Path of the SQLite database; without it (and without `store`) the cluster lives in memory. */
  db?: string;
  /** A store to use as it is (overrides `db`, `etcd` and `server`). */
  store?: Store;
  /**
   * URL of a running `kclone server` (overrides `db` and `etcd`): the cluster is then a client
   * of its API, and settle() waits for the server's control loop instead of running one here.
   */
  server?: string;
  /**
   * Client URLs of etcd members (overrides `db`): the cluster keeps its objects in etcd, under
   * `/registry/...`. StoreOpenError naming the URLs when none answers.
   */
  etcd?: string[];
  /** Bearer token for `server`. */
  token?: string;
  /** PEM certificates of the authorities to trust for an https `server` (self-signed). */
  caCerts?: string[];
  /** Source of time (tests inject a FakeClock). */
  clock?: Clock;
}

/** Where a namespaced object is looked up. */
export interface ObjectOptions {
  /** Namespace of a namespaced kind (default `default`). */
  namespace?: string;
}

/**
 * A kclone cluster: the store and everything that acts on it, behind one object.
 *
 * @example
 * ```ts
 * import { Cluster } from "@kclone/kclone";
 * const cluster = await Cluster.open();
 * await cluster.apply(`
 * apiVersion: v1
 * kind: Pod
 * metadata: { name: web }
 * spec: { containers: [{ name: web, image: nginx }] }
 * `);
 * const pods = await cluster.list("Pod");
 * console.log(pods.map((p) => p.metadata.name)); // [ "web" ]
 * await cluster.close();
 * ```
 */
export class Cluster {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #network: ServiceNetworkOptions;
  readonly #loops: ControlLoops;
  readonly #router: ClusterRouter;

  private constructor(store: Store, clock: Clock, options: ClusterOptions) {
    this.#store = store;
    this.#clock = clock;
    this.#network = options.network ?? {};
    this.#loops = new ControlLoops(store, clock, options);
    this.#router = new ClusterRouter(store);
  }

  /**
   * Opens a cluster on a given store, a running API server, etcd, a database file (SQLite), or
   * in memory.
   */
  static async open(options: ClusterOptions = {}): Promise<Cluster> {
    const clock = options.clock ?? systemClock;
    const { server, token, caCerts, network, etcd } = options;
    const store = options.store ??
      (server
        ? new RemoteStore(server, { token, caCerts, network })
        : etcd
        ? await EtcdStore.open(etcd, { clock })
        : options.db
        ? SqliteStore.open(options.db, { clock })
        : new MemoryStore({ clock }));
    await ensureSystemNamespaces(store);
    return new Cluster(store, clock, options);
  }

  /** The store underneath, for components that act on it directly. */
  get store(): Store {
    return this.#store;
  }

  /** The cluster's clock. */
  get clock(): Clock {
    return this.#clock;
  }

  /** Creates or updates objects like `kubectl apply`; all documents are checked before any is written. */
  apply(input: ApplyInput, options: ApplyOptions = {}): Promise<ApplyResult[]> {
    return applyManifests(this.#store, input, { network: this.#network, ...options });
  }

  /** Creates one object like `kubectl create`: AlreadyExists when the name is taken. */
  async create<T extends AnyObject>(object: T): Promise<T> {
    checkServed(object);
    const admitted = admitObject(object).object as T;
    await checkNamespace(this.#store, admitted);
    return await this.#write({ op: "create", object: admitted }) as T;
  }

  /** Replaces one object after validation: Conflict when its resourceVersion is stale. */
  async update<T extends AnyObject>(object: T): Promise<T> {
    checkServed(object);
    const admitted = admitObject(object).object as T;
    admitted.metadata.resourceVersion = object.metadata.resourceVersion;
    return await this.#write({ op: "update", object: admitted }) as T;
  }

  /** One object (yours to edit), or undefined when absent. */
  async get<K extends Kind>(
    kind: K,
    name: string,
    options: ObjectOptions = {},
  ): Promise<KindMap[K] | undefined> {
    return editable(await this.#store.get(kind, namespaceFor(kind, options.namespace), name));
  }

  /** Objects of a kind, in every namespace unless `namespace` is given; yours to edit. */
  async list<K extends Kind>(kind: K, options: ListOptions = {}): Promise<KindMap[K][]> {
    checkKind(kind);
    return (await this.#store.list(kind, options)).items.map(editable);
  }

  /** Deletes one object (a namespace with everything in it); NotFound when absent. */
  delete(kind: Kind, name: string, options: DeleteObjectOptions = {}): Promise<AnyObject> {
    const target = { kind, namespace: namespaceFor(kind, options.namespace), name };
    return deleteObject(this.#store, target, { ...options, network: this.#network });
  }

  /** One write, with what Services need (addresses, ports) in the same batch. */
  #write(operation: BatchOperation): Promise<AnyObject> {
    // The object is written as given: only a race on the allocation ranges is worth a retry.
    return retryOnRace(async () =>
      (await this.#store.batch(
        await withServiceAllocations(this.#store, [operation], this.#network),
      ))[0], { retryable: isRangeRace });
  }

  /** Changes to objects of a kind after options.resourceVersion (or from now). */
  watch(kind: Kind, options: WatchOptions = {}): AsyncIterable<WatchEvent> {
    checkKind(kind);
    return this.#store.watch(kind, options);
  }

  /** Saves every object to one JSON file (written atomically); resolves to how many. */
  async saveSnapshot(path: string): Promise<number> {
    const dump = await this.#store.dump();
    await writeSnapshotFile(path, snapshotFromDump(dump, rfc3339(this.#clock.now())));
    return dump.objects.length;
  }

  /** Replaces the whole state with a snapshot file; a bad file changes nothing. */
  async loadSnapshot(path: string, options: ReadSnapshotOptions = {}): Promise<void> {
    const snapshot = await readSnapshotFile(path, options);
    await this.#store.restore(snapshot.items);
    await ensureSystemNamespaces(this.#store);
  }

  /** Replaces the whole state with snapshot text. */
  async loadSnapshotText(text: string): Promise<void> {
    await this.#store.restore(parseSnapshot(text).items);
    await ensureSystemNamespaces(this.#store);
  }

  /**
   * Runs the scheduler and every controller until nothing is left to do (bounded; the result
   * says whether it converged). When another process's control loop leads, waits for it instead.
   */
  settle(options: SettleOptions = {}): Promise<SettleResult> {
    return this.#loops.settle(options);
  }

  /**
   * Runs the scheduler and controllers continuously (as leader) until stop() or close();
   * resolves after the first pass.
   */
  start(options: StartOptions = {}): Promise<void> {
    return this.#loops.start(options);
  }

  /** This process's name in leader election (the holder of the controller Lease when it leads). */
  get identity(): string {
    return this.#loops.identity;
  }

  /** Stops the continuous control loop and hands leadership back. */
  stop(): Promise<void> {
    return this.#loops.stop();
  }

  /**
   * Why a pod is where it is, or why it is Pending: every node's filter results and every
   * feasible node's scores. The last attempt made in this process, or else a fresh dry run on
   * the cluster as it is now.
   */
  async explain(podName: string, options: ObjectOptions = {}): Promise<ScheduleExplanation> {
    const namespace = options.namespace ?? "default";
    const pod = await this.#store.get("Pod", namespace, podName);
    if (!pod) throw new NotFoundError("pods", podName);
    const last = this.#loops.scheduler.explanation(namespace, podName);
    if (last && !pod.spec.nodeName) return last;
    if (last?.chosen && last.chosen === pod.spec.nodeName) return last;
    await this.#loops.plane.cache.sync();
    await this.#loops.scheduler.trackEveryPod(this.#loops.plane.cache);
    return this.#loops.scheduler.explain(pod);
  }

  /** How full each node is: requested and allocatable CPU, memory and pods. */
  async nodeUsage(): Promise<NodeUsage[]> {
    return nodeUsage(await this.list("Node"), await this.list("Pod"));
  }

  /** The next ready endpoint of a Service, in strict round robin that continues across processes. */
  route(serviceName: string, options: ClusterRouteOptions = {}): Promise<RouteResult> {
    return this.#router.route(serviceName, options);
  }

  /** Rolls a Deployment back to a revision (default: the previous one), like `kubectl rollout undo`. */
  rollback(name: string, revision?: number, options: ObjectOptions = {}): Promise<Deployment> {
    return rollbackDeployment(this.#store, options.namespace ?? "default", name, revision);
  }

  /** Stops the control loop, saves the round-robin cursors and closes the store. */
  async close(): Promise<void> {
    await this.#loops.stop();
    await this.#router.flush();
    await this.#store.close();
  }
}

/**
 * An object the caller may edit: the memory store hands out its own frozen objects (shared with
 * the control loops' cache), so those are copied; SQLite's are fresh already.
 */
function editable<T>(object: T): T {
  return object !== undefined && Object.isFrozen(object) ? structuredClone(object) : object;
}

function checkKind(kind: string): void {
  if (!kindInfo(kind)) {
    throw new BadRequestError(`the server doesn't have a resource type "${kind}"`);
  }
}

function namespaceFor(kind: string, namespace: string | undefined): string | undefined {
  checkKind(kind);
  return kindInfo(kind)!.namespaced ? namespace ?? "default" : undefined;
}
