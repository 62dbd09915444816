/**
 * Short-lived commands for scenario tests: each opens a fresh Cluster on one SQLite file (as a
 * `kclone` process does), does its work, settles and closes, counting the pods it read.
 */
import assert from "node:assert/strict";
import type { FakeClock } from "../../lib/api/clock.ts";
import type { Lease, Pod } from "../../lib/api/types.ts";
import { Cluster } from "../../lib/cluster/cluster.ts";
import { CHECKPOINT_ANNOTATION } from "../../lib/controllers/settle_checkpoint.ts";
import { SqliteStore } from "../../lib/store/sqlite.ts";
import type { Store } from "../../lib/store/store.ts";

/** How a series of commands runs. */
export interface CommandsOptions {
  /** Forget the last settle's checkpoint before each command: every settle lists everything. */
  listEverything?: boolean;
}

/** Runs commands on one database; `podsRead` counts the pods the last command read whole. */
export class Commands {
  readonly #db: string;
  readonly #clock: FakeClock;
  readonly #options: CommandsOptions;
  /** Pods the last command's store calls returned whole (lists and changes). */
  podsRead = 0;

  /** Commands on the database `db`, on `clock`. */
  constructor(db: string, clock: FakeClock, options: CommandsOptions = {}) {
    this.#db = db;
    this.#clock = clock;
    this.#options = options;
  }

  /** One command: `work` on a fresh cluster, then a settle that must converge, then `then`. */
  async run<T>(
    work: (cluster: Cluster) => Promise<T> = () => Promise.resolve(undefined as T),
    then?: (cluster: Cluster) => Promise<void>,
  ): Promise<T> {
    this.podsRead = 0;
    const store = this.#counted(SqliteStore.open(this.#db, { clock: this.#clock }));
    const cluster = await Cluster.open({ store, clock: this.#clock });
    try {
      if (this.#options.listEverything) await forgetCheckpoint(store);
      const result = await work(cluster);
      const settled = await cluster.settle();
      assert.ok(settled.converged, settled.errors.join("; "));
      await then?.(cluster);
      return result;
    } finally {
      await cluster.close();
    }
  }

  /** The store, counting the pods its lists return. */
  #counted(store: Store): Store {
    const count = (n: number) => this.podsRead += n;
    return new Proxy(store, {
      get(target, property) {
        if (property === "list") {
          return async (...args: Parameters<Store["list"]>) => {
            const result = await target.list(...args);
            if (args[0] === "Pod") count(result.items.length);
            return result;
          };
        }
        const value = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }
}

async function forgetCheckpoint(store: Store): Promise<void> {
  const lease = await store.get("Lease", "kube-system", "kclone-controller-manager");
  if (!lease?.metadata.annotations?.[CHECKPOINT_ANNOTATION]) return;
  const annotations = { ...lease.metadata.annotations, [CHECKPOINT_ANNOTATION]: "" };
  await store.update<Lease>({ ...lease, metadata: { ...lease.metadata, annotations } });
}

/** What a user sees of the pods: node, phase, IP and readiness, by name (ReplicaSet pods by node). */
export function podLines(pods: Pod[]): string[] {
  return pods.map((pod) => {
    const name = pod.metadata.generateName ? `${pod.metadata.generateName}*` : pod.metadata.name;
    const ready = pod.status?.conditions?.find((c) => c.type === "Ready")?.status ?? "-";
    const scheduled = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
    const why = scheduled?.status === "False" ? ` ${scheduled.message}` : "";
    return `${name} ${pod.spec.nodeName ?? "-"} ${pod.status?.phase} ${
      pod.status?.podIP ?? "-"
    } ${ready}${why}`;
  }).sort();
}
