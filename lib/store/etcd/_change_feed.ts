/**
 * The change log as one long-lived etcd watch over the whole key space, kept in memory for
 * changes(). etcd serves a watch that starts in the past from a loop that runs every 100 ms, so
 * a fresh watch per changes() call would cost a control loop up to 100 ms per step; this watch
 * catches up once and then gets every commit as it happens. It keeps the last MAX_ENTRIES
 * changes; older requests fall back to a one-off watch (readChanges). It learns of compactions
 * from COMPACT_KEY, which every compaction by kclone (and kube-apiserver) writes first.
 *
 * @module
 */
import { GoneError, ServiceUnavailableError } from "../../api/errors.ts";
import { frozenCopy } from "../_object.ts";
import type { Change, ChangePage } from "../store.ts";
import type { EtcdClient } from "./_client.ts";
import { decodeObject, type EtcdKeyValue, fromBase64, int64 } from "./_codec.ts";
import { changeOf, eventKey } from "./_events.ts";
import { REGISTRY } from "./_keys.ts";
import { COMPACT_KEY } from "./_restore.ts";
import { etcdWatch } from "./_watch_stream.ts";

const MAX_ENTRIES = 5_000;

/** Which changes a page holds and how. */
export interface PageOptions {
  /** At most this many (more only to finish a revision). */
  limit: number;
  /** Up to this revision. */
  current: number;
  /** With the state before each modification (Change.previous). */
  previous: boolean;
}

/** A change as the feed keeps it: the state before a modification stays encoded until asked for. */
interface Entry {
  change: Change;
  before?: EtcdKeyValue;
}

/** A long-lived watch of every change, from the revision it is started at. */
export class ChangeFeed {
  #client: EtcdClient;
  #timeoutMs: number;
  #controller = new AbortController();
  #entries: Entry[] = [];
  /** The feed holds every change from this revision on. */
  #from = Infinity;
  /** Every revision up to this one has been received. */
  #seen = 0;
  #compacted = 0;
  #failure: unknown;
  #wake = new Set<() => void>();
  #done: Promise<void> | undefined;

  /** A feed; pages wait at most `timeoutMs` for it to catch up. */
  constructor(client: EtcdClient, timeoutMs: number) {
    this.#client = client;
    this.#timeoutMs = timeoutMs;
  }

  /** True when the feed can serve the changes after `since` (starting it if not started yet). */
  serves(since: number): boolean {
    if (!this.#done) this.#start(since);
    return this.#failure === undefined && since + 1 >= this.#from;
  }

  /** The changes after `since`, up to `current`, at most `limit` (finishing the last revision). */
  async page(since: number, options: PageOptions): Promise<ChangePage> {
    const { limit, current } = options;
    await this.#reach(current);
    if (since < this.#compacted) {
      throw new GoneError(`too old resource version: ${since} (${this.#compacted})`);
    }
    let low = 0, high = this.#entries.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.#entries[mid].change.revision <= since) low = mid + 1;
      else high = mid;
    }
    const changes: Change[] = [];
    for (let i = low; i < this.#entries.length; i++) {
      const { change, before } = this.#entries[i];
      if (change.revision > current) break;
      const last = changes[changes.length - 1];
      if (changes.length >= limit && change.revision > last.revision) {
        return { changes, revision: last.revision };
      }
      const previous = options.previous && before ? frozenCopy(decodeObject(before)) : undefined;
      changes.push(previous ? { ...change, previous } : change);
    }
    return { changes, revision: current };
  }

  /** Stops the watch. */
  async close(): Promise<void> {
    this.#controller.abort();
    await this.#done;
  }

  #start(since: number): void {
    this.#from = since + 1;
    this.#seen = since;
    const stream = etcdWatch(this.#client, {
      key: "\0",
      rangeEnd: "\0",
      startRevision: since + 1,
      signal: this.#controller.signal,
    });
    this.#done = (async () => {
      try {
        for await (const events of stream) {
          for (const event of events) {
            const key = eventKey(event);
            if (key === COMPACT_KEY && event.type !== "DELETE") {
              this.#compacted = Math.max(this.#compacted, int64(fromBase64(event.kv.value)));
            } else if (key.startsWith(REGISTRY)) {
              const change = changeOf(event);
              const before = change?.type === "MODIFIED" ? event.prev_kv : undefined;
              if (change) this.#entries.push({ change: frozenCopy(change), before });
            }
            this.#seen = int64(event.kv.mod_revision);
          }
          this.#trim();
          this.#notify();
        }
      } catch (error) {
        this.#failure = error;
      }
      this.#failure ??= new ServiceUnavailableError("the change feed of etcd ended");
      this.#notify();
    })();
  }

  /** Drops the oldest changes beyond MAX_ENTRIES, on a revision boundary. */
  #trim(): void {
    if (this.#entries.length <= MAX_ENTRIES * 1.1) return;
    let cut = this.#entries.length - MAX_ENTRIES;
    while (
      cut < this.#entries.length &&
      this.#entries[cut].change.revision === this.#entries[cut - 1].change.revision
    ) cut++;
    this.#from = this.#entries[cut - 1].change.revision + 1;
    this.#entries = this.#entries.slice(cut);
  }

  #notify(): void {
    for (const wake of [...this.#wake]) wake();
  }

  /** Waits until every revision up to `revision` has been received. */
  #reach(revision: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.#seen >= revision) finish(resolve);
        else if (this.#failure !== undefined) finish(() => reject(this.#failure));
      };
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.#wake.delete(check);
        settle();
      };
      const timer = setTimeout(() => {
        finish(() =>
          reject(
            new ServiceUnavailableError(
              `etcd's change feed did not reach revision ${revision} within ${this.#timeoutMs} ms`,
            ),
          )
        );
      }, this.#timeoutMs);
      this.#wake.add(check);
      check();
    });
  }
}
