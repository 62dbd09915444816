import type { AnyObject, Kind, KindMap, LabelSelector } from "../api/types.ts";

/** The kind of a watch event, as the Kubernetes watch protocol names it. */
export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK";

/** One change seen by a watch. */
export interface WatchEvent<T extends AnyObject = AnyObject> {
  /** What happened. */
  type: WatchEventType;
  /** The object after the change (for DELETED: as it was, with the deletion's revision). */
  object: T;
}

/** One entry of the change log: what happened to which object at which revision. */
export interface Change {
  /** The revision of the change. */
  revision: number;
  /** What happened. */
  type: "ADDED" | "MODIFIED" | "DELETED";
  /** The object after the change (for DELETED: its last state). */
  object: AnyObject;
  /** The object before a MODIFIED change, when asked for (ChangesOptions.previous) and still kept. */
  previous?: AnyObject;
}

/** A page of the change log. */
export interface ChangePage {
  /** Changes of every kind, oldest first. */
  changes: Change[];
  /** Every change up to this revision has been returned (read again from here for more). */
  revision: number;
}

/** Options of changes(). */
export interface ChangesOptions {
  /** The most changes to return (default 10,000). */
  limit?: number;
  /** Give each MODIFIED change the object as it was before it (Change.previous), when kept. */
  previous?: boolean;
}

/**
 * Filters of list and watch, and the page a list asks for (watch ignores `limit` and `after`).
 *
 * The key order of lists, the same in every store: objects are ordered by namespace, then by
 * name, each compared as strings (code unit order; cluster-scoped kinds have namespace ""). The
 * key of an object, as `after` takes it, is `namespace/name` for namespaced kinds (whatever
 * `namespace` says) and `name` for cluster-scoped ones; a namespaced key without "/" stands for
 * the namespace and an empty name (everything in it comes after). This is kube-apiserver's order
 * except where a namespace is a prefix of another one followed by "-" or ".": `a/z` comes before
 * `a-b/a` here (as `ORDER BY namespace, name` and the (kind, namespace, name) index give it),
 * while etcd's keys `/registry/pods/a-b/a` sort before `/registry/pods/a/z`.
 */
export interface ListOptions {
  /** Only objects in this namespace; all namespaces when absent. */
  namespace?: string;
  /** A label selector as text (`app=web,tier!=db`) or as a LabelSelector object. */
  labelSelector?: string | LabelSelector;
  /** A field selector: metadata.name, metadata.namespace, spec.nodeName, status.phase. */
  fieldSelector?: string;
  /** At most this many matching objects, the first ones in key order; absent or 0: all of them. */
  limit?: number;
  /** Only objects whose key (`namespace/name`, or `name`) sorts strictly after this one. */
  after?: string;
}

/** A list answer: the items and the revision they were read at. */
export interface ListResult<T extends AnyObject = AnyObject> {
  /** Matching objects, in key order: by namespace, then name. */
  items: T[];
  /** The store revision of the read; a watch from it misses nothing. */
  resourceVersion: string;
  /** True when `limit` cut the list: more matching objects follow the last item. */
  more?: boolean;
  /**
   * How many objects follow the last item, when `limit` cut the list and no label or field
   * selector was given (as Kubernetes counts them, without reading them).
   */
  remainingItemCount?: number;
}

/** One combination of values that tally() found, and how many objects have it. */
export interface TallyGroup {
  /** The values at the paths, in their order (undefined where missing). */
  values: unknown[];
  /** How many objects have exactly these values. */
  count: number;
}

/** What tally() answers. */
export interface TallyResult {
  /** One group per distinct combination of values, in no particular order. */
  groups: TallyGroup[];
  /** The store revision of the read. */
  resourceVersion: string;
}

/** Options of watch. */
export interface WatchOptions extends ListOptions {
  /** Deliver every change after this revision; "" or absent means from now on. */
  resourceVersion?: string;
  /** Ends the watch when aborted. */
  signal?: AbortSignal;
}

/** Options of delete. */
export interface DeleteOptions {
  /** Precondition: delete only when the object is still at this revision. */
  resourceVersion?: string;
}

/** One write of a batch. */
export type BatchOperation =
  | { op: "create"; object: AnyObject }
  | { op: "update"; object: AnyObject }
  | { op: "delete"; kind: Kind; namespace?: string; name: string; resourceVersion?: string };

/** Everything a store holds, for snapshots. */
export interface StoreDump {
  /** Every object, ordered by kind, namespace, name. */
  objects: AnyObject[];
  /** The store's current revision. */
  revision: number;
}

/**
 * The one source of truth: versioned objects with optimistic concurrency and watch.
 * One global, increasing revision per store (as etcd's); every write takes the next one (the
 * writes of one batch may share one, as an etcd transaction's do).
 */
export interface Store {
  /** One object, or undefined when absent. Cluster-scoped kinds take namespace undefined. */
  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): Promise<
    KindMap[K] | undefined
  >;
  /** Objects of a kind that match the options. */
  list<K extends Kind>(kind: K, options?: ListOptions): Promise<ListResult<KindMap[K]>>;
  /**
   * How many objects of a kind share each combination of values at dotted paths of field names
   * and array indexes (`spec.containers.0.name`): for caches that need a few facts of many
   * objects, not the objects. Values are shared: read them, never change them. BadRequest for
   * another path.
   */
  tally(kind: Kind, paths: string[]): Promise<TallyResult>;
  /** Stores a new object; sets uid, creationTimestamp, resourceVersion, generation 1. AlreadyExists on a taken name. */
  create<T extends AnyObject>(object: T): Promise<T>;
  /** Replaces an object; Conflict when its resourceVersion is stale; bumps generation on spec changes. */
  update<T extends AnyObject>(object: T): Promise<T>;
  /** Removes an object and returns it as it was last; NotFound when absent. */
  delete(
    kind: Kind,
    namespace: string | undefined,
    name: string,
    options?: DeleteOptions,
  ): Promise<AnyObject>;
  /** Applies all operations in one transaction: all of them, or none (the error of the first that fails). */
  batch(operations: BatchOperation[]): Promise<AnyObject[]>;
  /** Every change to objects of a kind after options.resourceVersion, in order. Gone (410) if compacted. */
  watch(kind: Kind, options?: WatchOptions): AsyncIterable<WatchEvent>;
  /**
   * The change log of every kind after `revision`, oldest first: a pull-based watch that lets a
   * control loop catch up deterministically. Gone (410) if compacted.
   */
  changes(revision: number, options?: ChangesOptions): Promise<ChangePage>;
  /** The store's current revision. */
  revision(): Promise<number>;
  /** Forgets change-log entries at or below `revision`; watches from there get Gone. */
  compact(revision: number): Promise<void>;
  /** Every object and the revision, for snapshots. */
  dump(): Promise<StoreDump>;
  /** Replaces everything with these objects, keeping uid and resourceVersion; the revision continues above the highest. */
  restore(objects: AnyObject[]): Promise<void>;
  /** Releases the store (stops watches, closes files). */
  close(): Promise<void>;
}
