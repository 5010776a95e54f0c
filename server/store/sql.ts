/**
 * What SqlStore needs from a database: parameterized statements ($1, $2, ...) and serialised write
 * transactions. One small adapter per engine keeps all SQL in one place.
 */
export type Row = Record<string, unknown>;

export type SqlDialect = 'sqlite' | 'postgres';

export interface SqlRunner {
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface SqlDriver extends SqlRunner {
  readonly dialect: SqlDialect;
  /** Runs fn in one transaction that commits if it resolves and rolls back if it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * Runs a schema migration (migrations.ts) in one transaction, one process at a time: several
   * processes may start on one database at once.
   */
  migrate<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
