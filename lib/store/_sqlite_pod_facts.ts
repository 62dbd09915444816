/**
 * The SQLite store's index of pod facts: the fields a scheduler needs of every pod it does not
 * place (the node it is bound to, requests, labels, affinity), kept by SQLite itself in an expression index on the `current` table. It
 * answers project() of those fields and list() by spec.nodeName without parsing whole pods.
 * Any kclone (older ones too) and any SQLite client keep it current on write.
 *
 * @module
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { pathSegments } from "./_project.ts";

/** The fields the index holds, spec.nodeName first (list by node seeks on it). */
export const POD_FACTS: readonly string[] = [
  "spec.nodeName",
  "metadata.namespace",
  "metadata.name",
  "metadata.uid",
  "metadata.labels",
  "spec.containers",
  "spec.initContainers",
  "spec.affinity",
  "status.phase",
];

/** The SQL expression of a path: the value's JSON text (`->`), NULL when missing. */
export function jsonExpression(path: string): string {
  return `value -> '$.${pathSegments(path).join(".")}'`;
}

const INDEX = "current_pod_facts";

/** Creates the index when missing (once per database; it then costs one scan of the pods). */
export function ensurePodFactsIndex(db: DatabaseSync): void {
  db.exec(
    `CREATE INDEX IF NOT EXISTS ${INDEX} ON current (${
      POD_FACTS.map(jsonExpression).join(", ")
    }) WHERE kind = 'Pod'`,
  );
}

/** Prepared statements of projections and lookups, by their SQL. */
export class PodFactsQueries {
  #db: DatabaseSync;
  #statements = new Map<string, StatementSync>();

  /** Queries on `db`. */
  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /**
   * The values at `paths` of every object of `kind`, parsed once per distinct JSON text (pods of
   * one template share their containers). Pod fields the index holds are read from it alone.
   */
  project(kind: string, paths: readonly string[]): unknown[][] {
    const covered = kind === "Pod" && paths.every((p) => POD_FACTS.includes(p));
    const sql = `SELECT ${paths.map(jsonExpression).join(", ")} FROM current` +
      `${covered ? ` INDEXED BY ${INDEX}` : ""} WHERE kind = ${covered ? "'Pod'" : "?"}`;
    const rows = this.#prepare(sql).all(...(covered ? [] : [kind])) as unknown as (
      | string
      | null
    )[][];
    const parsed = new Map<string, unknown>();
    const parse = (text: string | null) => {
      if (text === null) return undefined;
      let value = parsed.get(text);
      if (value === undefined) parsed.set(text, value = JSON.parse(text));
      return value;
    };
    return rows.map((row) => row.map(parse));
  }

  /** The JSON text of the pods bound to a node ("" for unbound pods), in no particular order. */
  podsOnNode(nodeName: string): string[] {
    const node = jsonExpression("spec.nodeName");
    const rows = nodeName === ""
      ? this.#prepare(
        `SELECT value FROM current INDEXED BY ${INDEX} WHERE kind = 'Pod' AND ` +
          `(${node} IS NULL OR ${node} = '""')`,
      ).all()
      : this.#prepare(
        `SELECT value FROM current INDEXED BY ${INDEX} WHERE kind = 'Pod' AND ${node} = ?`,
      ).all(JSON.stringify(nodeName));
    return (rows as unknown as [string][]).map((row) => row[0]);
  }

  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      (statement as unknown as { setReturnArrays(on: boolean): void }).setReturnArrays(true);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
