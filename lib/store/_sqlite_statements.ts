import type { DatabaseSync, StatementSync } from "node:sqlite";

/** The store's counters, as kept in the meta table. */
export interface Counters {
  /** The last revision written. */
  revision: number;
  /** Log rows at or below this revision may be gone. */
  compacted: number;
  /** Bumped by every restore, so that watchers in every process learn of it. */
  epoch: number;
}

/** A change-log row as the feed reads it. */
export interface LogRow {
  /** The revision. */
  id: number;
  /** The object's kind. */
  kind: string;
  /** The object's namespace ("" for cluster-scoped kinds). */
  namespace: string;
  /** 1 when the row created the key. */
  created: number;
  /** 1 when the row deleted the key. */
  deleted: number;
  /** The revision of the key's previous row, 0 for none. */
  prev_revision: number;
  /** The object as JSON (for a deletion: its last state at the deletion's revision). */
  value: string;
}

/** Every statement the store runs, prepared once per connection. */
export interface Statements {
  /** Reads the counters. */
  counters: StatementSync;
  /** Sets one meta value: (value, key). */
  setMeta: StatementSync;
  /** The current row of a key: (kind, namespace, name) → revision, value. */
  getCurrent: StatementSync;
  /** Appends to the log: (id, key, kind, namespace, name, created, deleted, prev_revision, value). */
  insertLog: StatementSync;
  /** Adds a current row: (kind, namespace, name, revision, value). */
  insertCurrent: StatementSync;
  /** Replaces a current row: (revision, value, kind, namespace, name). */
  updateCurrent: StatementSync;
  /** Removes a current row: (kind, namespace, name). */
  deleteCurrent: StatementSync;
  /** Values of a kind in namespace/name order, as one-element arrays: (kind). */
  listKind: StatementSync;
  /** Values of a kind in one namespace in name order, as one-element arrays: (kind, namespace). */
  listNamespace: StatementSync;
  /** Values of a kind after a key, in key order, as arrays: (kind, namespace, name). */
  listKindAfter: StatementSync;
  /** Values of a kind in one namespace after a name, as arrays: (kind, namespace, name). */
  listNamespaceAfter: StatementSync;
  /** How many objects of a kind follow a key: (kind, namespace, name) → n. */
  countKindAfter: StatementSync;
  /** How many objects of a kind in one namespace follow a name: (kind, namespace, name) → n. */
  countNamespaceAfter: StatementSync;
  /** Log rows after a revision: (after, limit). */
  logAfter: StatementSync;
  /** Log rows of a kind in a revision range: (after, upTo, kind). */
  logRange: StatementSync;
  /** The value of one log row: (id). */
  logValue: StatementSync;
  /** Changes when another connection commits. */
  dataVersion: StatementSync;
  /** Deletes rows at or below a revision superseded since the last compaction: (revision, last). */
  compactSuperseded: StatementSync;
  /** Deletes tombstones in a revision range: (last, revision). */
  compactTombstones: StatementSync;
}

/** Prepares the statements on an open, initialized database. */
export function prepareStatements(db: DatabaseSync): Statements {
  const statements = prepareAll(db);
  // Rows as arrays: a list of 100,000 objects spends far less making them than objects.
  const lists = [
    statements.listKind,
    statements.listNamespace,
    statements.listKindAfter,
    statements.listNamespaceAfter,
  ];
  for (const statement of lists) {
    (statement as unknown as { setReturnArrays(on: boolean): void }).setReturnArrays(true);
  }
  return statements;
}

function prepareAll(db: DatabaseSync): Statements {
  const byKey = "kind = ? AND namespace = ? AND name = ?";
  const meta = (key: string) => `(SELECT value FROM meta WHERE key = '${key}')`;
  return {
    counters: db.prepare(
      `SELECT ${meta("revision")} AS revision, ${meta("compact_revision")} AS compacted, ${
        meta("epoch")
      } AS epoch`,
    ),
    setMeta: db.prepare("UPDATE meta SET value = ? WHERE key = ?"),
    getCurrent: db.prepare(`SELECT revision, value FROM current WHERE ${byKey}`),
    insertLog: db.prepare(
      "INSERT INTO log (id, key, kind, namespace, name, created, deleted, prev_revision, value) " +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    insertCurrent: db.prepare(
      "INSERT INTO current (kind, namespace, name, revision, value) VALUES (?, ?, ?, ?, ?)",
    ),
    updateCurrent: db.prepare(`UPDATE current SET revision = ?, value = ? WHERE ${byKey}`),
    deleteCurrent: db.prepare(`DELETE FROM current WHERE ${byKey}`),
    listKind: db.prepare("SELECT value FROM current WHERE kind = ? ORDER BY namespace, name"),
    listNamespace: db.prepare(
      "SELECT value FROM current WHERE kind = ? AND namespace = ? ORDER BY name",
    ),
    // Row values keep the scan on the (kind, namespace, name) index, starting at the key.
    listKindAfter: db.prepare(
      "SELECT value FROM current WHERE kind = ? AND (namespace, name) > (?, ?) " +
        "ORDER BY namespace, name",
    ),
    listNamespaceAfter: db.prepare(
      "SELECT value FROM current WHERE kind = ? AND namespace = ? AND name > ? ORDER BY name",
    ),
    countKindAfter: db.prepare(
      "SELECT COUNT(*) AS n FROM current WHERE kind = ? AND (namespace, name) > (?, ?)",
    ),
    countNamespaceAfter: db.prepare(
      "SELECT COUNT(*) AS n FROM current WHERE kind = ? AND namespace = ? AND name > ?",
    ),
    logAfter: db.prepare(
      "SELECT id, kind, namespace, created, deleted, prev_revision, value FROM log " +
        "WHERE id > ? ORDER BY id LIMIT ?",
    ),
    logRange: db.prepare(
      "SELECT id, kind, namespace, created, deleted, prev_revision, value FROM log " +
        "WHERE id > ? AND id <= ? AND kind = ? ORDER BY id",
    ),
    logValue: db.prepare("SELECT value FROM log WHERE id = ?"),
    dataVersion: db.prepare("PRAGMA data_version"),
    compactSuperseded: db.prepare(
      "DELETE FROM log WHERE id <= ? AND id IN " +
        "(SELECT prev_revision FROM log WHERE id > ? AND prev_revision > 0)",
    ),
    compactTombstones: db.prepare("DELETE FROM log WHERE id > ? AND id <= ? AND deleted = 1"),
  };
}

/** Reads the counters. */
export function readCounters(statements: Statements): Counters {
  const row = statements.counters.get()!;
  return {
    revision: Number(row.revision),
    compacted: Number(row.compacted),
    epoch: Number(row.epoch),
  };
}
