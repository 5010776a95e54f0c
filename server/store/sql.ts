/**
 * What SqlStore needs from a database: parameterized statements ($1, $2, ...) and serialised write
 * transactions. One small adapter per engine keeps all SQL in one place.
 */
export type Row = Record<string, unknown>;

export interface SqlRunner {
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface SqlDriver extends SqlRunner {
  /** Runs fn in one transaction that commits if it resolves and rolls back if it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Applies idempotent DDL; safe when several processes start at once. */
  migrate(statements: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
