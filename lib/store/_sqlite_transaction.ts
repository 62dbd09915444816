import type { DatabaseSync } from "node:sqlite";

/**
 * Runs `work` between `begin` and COMMIT: "BEGIN IMMEDIATE" takes the write lock first, so that
 * a read-check-write is atomic across processes; "BEGIN" reads one consistent snapshot. On any
 * error it rolls back and throws `translate(error)`.
 */
export function withinTransaction<T>(
  db: DatabaseSync,
  begin: "BEGIN" | "BEGIN IMMEDIATE",
  work: () => T,
  translate: (error: unknown) => unknown,
): T {
  try {
    db.exec(begin);
    const result = work();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    try {
      if (db.isTransaction) db.exec("ROLLBACK");
    } catch {
      // The original error says more than a failed rollback.
    }
    throw translate(error);
  }
}
