import type { AnyObject, Kind } from "../../api/types.ts";
import type { BatchOperation, Store } from "../../store/store.ts";
import { describeWrite } from "./describe_write.ts";

/** Kinds whose updates are described against the object as it was (read before the write). */
const COMPARED_KINDS: ReadonlySet<string> = new Set(["Pod", "Node", "ReplicaSet", "Endpoints"]);

/** Where the log of actions goes: one call per line. */
export type ActionLog = (line: string) => void;

/**
 * A Store that says what each write does, in Kubernetes terms, as the control loop makes it:
 * `pod default/web-1 bound to node-a`, `replicaset default/web-5d9 created`. Reads, watches and
 * everything else pass through unchanged; a write that fails says nothing.
 *
 * @example
 * ```ts
 * import { MemoryStore } from "../../store/memory.ts";
 * import { loggedStore } from "./action_log.ts";
 * const lines: string[] = [];
 * const store = loggedStore(new MemoryStore(), (line) => lines.push(line));
 * await store.create({ apiVersion: "v1", kind: "Node", metadata: { name: "node-a" } });
 * console.log(lines); // ["node node-a created"]
 * ```
 */
export function loggedStore(store: Store, log: ActionLog): Store {
  const previous = (object: AnyObject) =>
    COMPARED_KINDS.has(object.kind)
      ? store.get(object.kind as Kind, object.metadata.namespace, object.metadata.name!)
      : Promise.resolve(undefined);
  const say = (before: AnyObject | undefined, after: AnyObject | undefined) => {
    for (const line of describeWrite(before, after)) log(line);
  };
  return {
    get: (kind, namespace, name) => store.get(kind, namespace, name),
    list: (kind, options) => store.list(kind, options),
    tally: (kind, paths) => store.tally(kind, paths),
    watch: (kind, options) => store.watch(kind, options),
    changes: (revision, options) => store.changes(revision, options),
    revision: () => store.revision(),
    compact: (revision) => store.compact(revision),
    dump: () => store.dump(),
    restore: (objects) => store.restore(objects),
    close: () => store.close(),
    async create(object) {
      const created = await store.create(object);
      say(undefined, created);
      return created;
    },
    async update(object) {
      const before = await previous(object);
      const updated = await store.update(object);
      // Without the object as it was, there is nothing to compare: say nothing.
      if (before) say(before, updated);
      return updated;
    },
    async delete(kind, namespace, name, options) {
      const deleted = await store.delete(kind, namespace, name, options);
      say(deleted, undefined);
      return deleted;
    },
    async batch(operations: BatchOperation[]) {
      const befores = await Promise.all(
        operations.map((op) => op.op === "update" ? previous(op.object) : undefined),
      );
      const results = await store.batch(operations);
      operations.forEach((op, i) => {
        if (op.op === "create") say(undefined, results[i]);
        else if (op.op === "delete") say(results[i], undefined);
        else if (befores[i]) say(befores[i], results[i]);
      });
      return results;
    },
  };
}
