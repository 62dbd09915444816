/**
 * The SQLite store's index of pod facts (POD_FACTS: what a scheduler counts of the pods it does
 * not place), kept by SQLite itself in an expression index on the `current` table; its entries
 * are small (requests, not whole containers), so that writes stay cheap. It answers tally() of those fields and list() by
 * spec.nodeName without parsing whole pods. Any kclone (older ones too) and any SQLite client
 * keep it current on write.
 *
 * @module
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { POD_FACTS } from "./pod_facts.ts";
import { pathSegments } from "./_tally.ts";
import type { TallyGroup } from "./store.ts";

/** The SQL expression of a path: the value's JSON text (`->`), NULL when missing. */
export function jsonExpression(path: string): string {
  const steps = pathSegments(path).map((s) => /^[0-9]/.test(s) ? `[${s}]` : `.${s}`);
  return `value -> '$${steps.join("")}'`;
}

const INDEX = "current_pod_facts_1";

/** Creates the index when missing (once per database; it then costs one scan of the pods). */
export function ensurePodFactsIndex(db: DatabaseSync): void {
  db.exec(
    `CREATE INDEX IF NOT EXISTS ${INDEX} ON current (${
      POD_FACTS.map(jsonExpression).join(", ")
    }) WHERE kind = 'Pod'`,
  );
}

/** JSON.parse once per distinct text; SQL NULL (a missing value) is undefined. */
function jsonReader(): (text: string | null) => unknown {
  const parsed = new Map<string, unknown>();
  return (text) => {
    if (text === null) return undefined;
    if (!parsed.has(text)) parsed.set(text, JSON.parse(text));
    return parsed.get(text);
  };
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
   * How many objects of `kind` share each combination of values at `paths`, each distinct JSON
   * text parsed once. Pod fields the index holds are counted from it alone.
   */
  tally(kind: string, paths: readonly string[]): TallyGroup[] {
    const columns = paths.map(jsonExpression).join(", ");
    const pods = kind === "Pod" && paths.every((p) => POD_FACTS.includes(p));
    const sql = `SELECT ${columns}, COUNT(*) FROM current` +
      (pods ? ` INDEXED BY ${INDEX} WHERE kind = 'Pod'` : " WHERE kind = ?") +
      ` GROUP BY ${columns}`;
    const rows = this.#prepare(sql).all(...(pods ? [] : [kind])) as unknown as unknown[][];
    const parse = jsonReader();
    return rows.map((row) => ({
      values: row.slice(0, paths.length).map((text) => parse(text as string | null)),
      count: Number(row[paths.length]),
    }));
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
