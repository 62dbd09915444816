import { ApiError } from "../api/errors.ts";
import { jsonEqual } from "../api/json_equal.ts";
import type { Store } from "../store/store.ts";
import type { PodWorker } from "./pod_worker.ts";

/** Pod statuses written at once. */
const STATUS_WRITERS = 8;

/** What the status manager needs from its agent. */
export interface PodStatusManagerOptions {
  /** Where statuses are written. */
  store: Store;
  /** The worker of a pod uid, while the pod runs here. */
  worker(uid: string): PodWorker | undefined;
  /** Told of a status that could not be written. */
  onProblem(message: string): void;
  /** Once aborted, nothing more is scheduled. */
  signal: AbortSignal;
}

/**
 * The kubelet's status manager: pods whose status changed are written together 10 ms later,
 * several at a time, each read fresh and written only when different (again after a Conflict);
 * a write that failed for want of a server is tried again a second later.
 */
export class PodStatusManager {
  readonly #options: PodStatusManagerOptions;
  readonly #dirty = new Set<string>();
  #flush: Promise<void> | undefined;

  /** A manager writing through `options.store`. */
  constructor(options: PodStatusManagerOptions) {
    this.#options = options;
  }

  /** Marks pod `uid`'s status to be written. */
  changed(uid: string, delayMs = 10): void {
    this.#dirty.add(uid);
    this.#schedule(delayMs);
  }

  /** Settles when the writes under way are done. */
  async idle(): Promise<void> {
    await this.#flush;
  }

  #schedule(delayMs: number): void {
    this.#flush ??= new Promise<void>((resolve) => setTimeout(resolve, delayMs))
      .then(() => this.#writeAll())
      .then((failed) => {
        this.#flush = undefined;
        if (this.#dirty.size > 0 && !this.#options.signal.aborted) {
          this.#schedule(failed ? 1_000 : 10);
        }
      });
  }

  /** Writes the pending statuses; true when some must be written again later. */
  async #writeAll(): Promise<boolean> {
    const uids = [...this.#dirty];
    this.#dirty.clear();
    let failed = false;
    const next = async (): Promise<void> => {
      const uid = uids.shift();
      if (uid === undefined) return;
      const worker = this.#options.worker(uid);
      if (worker) {
        try {
          await this.#write(worker);
        } catch (error) {
          const name = worker.pod.metadata.name;
          this.#options.onProblem(`status of pod ${name}: ${(error as Error).message}`);
          // Written again at the next flush (a server that went away).
          if (!(error instanceof ApiError) || error.code >= 500) {
            this.#dirty.add(uid);
            failed = true;
          }
        }
      }
      await next();
    };
    await Promise.all(Array.from({ length: STATUS_WRITERS }, next));
    return failed;
  }

  async #write(worker: PodWorker): Promise<void> {
    const { store } = this.#options;
    const { namespace, name } = worker.pod.metadata;
    for (let attempt = 1; attempt <= 5; attempt++) {
      const current = await store.get("Pod", namespace, name!);
      if (!current || current.metadata.uid !== worker.uid) return;
      const status = worker.status(current);
      if (jsonEqual(status, current.status)) return;
      try {
        await store.update({ ...current, status });
        return;
      } catch (error) {
        if (!(error instanceof ApiError && error.reason === "Conflict")) throw error;
      }
    }
  }
}
