import { ServiceUnavailableError } from "../api/errors.ts";

/**
 * A file that cannot be opened as a kclone store: not an SQLite database, another program's
 * database, a corrupt file, or a schema newer than this kclone reads. The file is left untouched.
 */
export class StoreOpenError extends Error {
  /** The file that was opened. */
  readonly path: string;
  /** Why it cannot be used. */
  readonly reason: string;

  /** Makes the error; its message names the path and the reason. */
  constructor(path: string, reason: string) {
    super(`cannot open store ${path}: ${reason}`);
    this.name = "StoreOpenError";
    this.path = path;
    this.reason = reason;
  }
}

/** True for SQLite's "database is locked" (SQLITE_BUSY, also after the busy timeout ran out). */
export function isBusy(error: unknown): boolean {
  return error instanceof Error && /database (table )?is locked|SQLITE_BUSY/i.test(error.message);
}

/** ServiceUnavailable for a database that stayed locked for the whole busy timeout. */
export function busyError(path: string, timeoutMs: number): ServiceUnavailableError {
  return new ServiceUnavailableError(
    `the store ${path} is locked by another process: gave up after ${timeoutMs} ms`,
  );
}

/** The error a store operation reports: busy becomes ServiceUnavailable, the rest pass through. */
export function storeError(error: unknown, path: string, timeoutMs: number): unknown {
  return isBusy(error) ? busyError(path, timeoutMs) : error;
}
