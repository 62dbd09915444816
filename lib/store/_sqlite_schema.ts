import { DatabaseSync } from "node:sqlite";
import { busyError, isBusy, StoreOpenError } from "./_sqlite_errors.ts";

/** The marker in the meta table that says a database is a kclone store. */
export const APPLICATION = "kclone";
/** The schema version this code writes; it reads this one and older ones. */
export const SCHEMA_VERSION = 1;

/**
 * The layout, in the spirit of kine: `log` is the source of truth (one row per write, its id is
 * the revision); `current` holds the latest row of each live key, written in the same
 * transaction, so that list is one index scan in namespace/name order.
 */
const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value NOT NULL) WITHOUT ROWID;
CREATE TABLE log (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  namespace TEXT NOT NULL,
  name TEXT NOT NULL,
  created INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  prev_revision INTEGER NOT NULL,
  value TEXT NOT NULL
);
CREATE TABLE current (
  kind TEXT NOT NULL,
  namespace TEXT NOT NULL,
  name TEXT NOT NULL,
  revision INTEGER NOT NULL,
  value TEXT NOT NULL
);
CREATE UNIQUE INDEX current_key ON current (kind, namespace, name);
INSERT INTO meta (key, value) VALUES
  ('application', '${APPLICATION}'), ('schema_version', ${SCHEMA_VERSION}),
  ('revision', 0), ('compact_revision', 0), ('epoch', 0);
`;

/** How to open the database file. */
export interface OpenDatabaseOptions {
  /** How long a locked database is retried, in milliseconds. */
  busyTimeoutMs: number;
  /** SQLite's synchronous setting. */
  synchronous: "NORMAL" | "FULL";
}

/**
 * Opens (or creates) a kclone database file. Before anything is written it checks that the file
 * is an SQLite database that is empty or a kclone store of a schema this code reads; otherwise it
 * throws StoreOpenError and leaves the file as it was.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions): DatabaseSync {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { timeout: options.busyTimeoutMs });
  } catch (error) {
    throw new StoreOpenError(path, (error as Error).message);
  }
  try {
    if (inspect(db, path) === "empty") {
      db.exec("PRAGMA journal_mode = WAL");
      initialize(db, path);
    } else {
      db.exec("PRAGMA journal_mode = WAL");
    }
    db.exec(`PRAGMA synchronous = ${options.synchronous}`);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreOpenError) throw error;
    if (isBusy(error)) throw busyError(path, options.busyTimeoutMs);
    throw new StoreOpenError(path, (error as Error).message);
  }
}

/** Reads only: "empty" for a database without tables, "kclone" for one of ours, else throws. */
function inspect(db: DatabaseSync, path: string): "empty" | "kclone" {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .all().map((row) => String(row.name));
  if (tables.length === 0) return "empty";
  if (!tables.includes("meta")) throw foreign(path, tables);
  const meta = new Map<string, unknown>();
  try {
    for (const row of db.prepare("SELECT key, value FROM meta").all()) {
      meta.set(String(row.key), row.value);
    }
  } catch (error) {
    // A meta table of another shape is someone else's; a read error (corruption) speaks for itself.
    if (/no such column/.test((error as Error).message)) throw foreign(path, tables);
    throw error;
  }
  if (meta.get("application") !== APPLICATION) throw foreign(path, tables);
  const version = Number(meta.get("schema_version"));
  if (!Number.isInteger(version) || version > SCHEMA_VERSION) {
    throw new StoreOpenError(
      path,
      `schema version ${
        meta.get("schema_version")
      } is newer than this kclone reads (${SCHEMA_VERSION}); upgrade kclone`,
    );
  }
  return "kclone";
}

function foreign(path: string, tables: string[]): StoreOpenError {
  return new StoreOpenError(
    path,
    `not a kclone store (an SQLite database with tables ${tables.join(", ")})`,
  );
}

/** Creates the schema, unless another process did it first (checked under the write lock). */
function initialize(db: DatabaseSync, path: string): void {
  db.exec("BEGIN IMMEDIATE");
  try {
    if (inspect(db, path) === "empty") db.exec(SCHEMA);
    db.exec("COMMIT");
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK");
    throw error;
  }
}
