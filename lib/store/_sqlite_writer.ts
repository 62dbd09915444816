/**
 * The SQLite store's transactions: reads on one consistent snapshot, and writes under the write
 * lock at the next revisions, compacting the log when due. Private to lib/store.
 *
 * @module
 */
import type { DatabaseSync } from "node:sqlite";
import type { Clock } from "../api/clock.ts";
import { compactLog } from "./_sqlite_maintenance.ts";
import { type Counters, readCounters, type Statements } from "./_sqlite_statements.ts";
import { withinTransaction } from "./_sqlite_transaction.ts";
import type { WriteContext } from "./_sqlite_writes.ts";

/** What SqliteWriter needs besides the connection. */
export interface SqliteWriterOptions {
  /** The connection's statements. */
  statements: Statements;
  /** Source of creationTimestamp. */
  clock: Clock;
  /** Revisions of history kept (0 never compacts). */
  keepRevisions: number;
  /** The revision this process's watches have read up to; compaction never passes it. */
  horizon: () => number;
  /** Turns an error into the one the store throws. */
  translate: (error: unknown) => unknown;
}

/** Runs the transactions of one SQLite connection. */
export class SqliteWriter {
  #db: DatabaseSync;
  #options: SqliteWriterOptions;

  /** Transactions on `db`. */
  constructor(db: DatabaseSync, options: SqliteWriterOptions) {
    this.#db = db;
    this.#options = options;
  }

  /** Writes at the next revisions and compacts when due, in one write transaction. */
  write<T>(work: (ctx: WriteContext) => T): T {
    return this.transaction((counters) => {
      const now = this.#options.clock.now();
      const ctx = { statements: this.#options.statements, now, revision: counters.revision };
      const result = work(ctx);
      if (ctx.revision !== counters.revision) {
        this.#options.statements.setMeta.run(ctx.revision, "revision");
        this.#compactIfDue(counters, ctx.revision);
      }
      return result;
    });
  }

  /** Runs `work` under the write lock (BEGIN IMMEDIATE), all or nothing. */
  transaction<T>(work: (counters: Counters) => T): T {
    const locked = () => work(readCounters(this.#options.statements));
    return withinTransaction(this.#db, "BEGIN IMMEDIATE", locked, this.#options.translate);
  }

  /** Runs `read` on one consistent snapshot. */
  snapshot<T>(read: () => T): T {
    return withinTransaction(this.#db, "BEGIN", read, this.#options.translate);
  }

  /**
   * Keeps the last keepRevisions revisions, compacting in steps of a tenth of them inside the
   * write transaction that is already under the lock. It never compacts past what this process's
   * watches have read, so that they cannot lose a change to their own store's housekeeping.
   */
  #compactIfDue(counters: Counters, revision: number): void {
    const keep = this.#options.keepRevisions;
    if (keep <= 0 || revision - counters.compacted < keep + Math.ceil(keep / 10)) return;
    const target = Math.min(revision - keep, this.#options.horizon());
    compactLog(this.#options.statements, counters, target);
  }
}
