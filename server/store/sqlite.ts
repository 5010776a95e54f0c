/**
 * SQLite backend (better-sqlite3, one file). Writes go through one connection, one transaction at
 * a time: the async store code may yield mid-transaction, and a second writer on the same
 * connection would otherwise join that transaction. Plain reads use a second, read-only connection,
 * so under WAL they see only committed data and never wait for writers.
 */
import Database from 'better-sqlite3';
import type { Row, SqlDriver, SqlRunner } from './sql';
import { openSqlStore, type SqlStoreOptions } from './sql-store';
import type { Store } from './store';

export function openSqliteStore(path: string, options?: SqlStoreOptions): Promise<Store> {
  return openSqlStore(new SqliteDriver(path), options);
}

class SqliteDriver implements SqlDriver {
  private readonly writer: Connection;
  private reader: Connection | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly path: string) {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL survives a process crash; only an OS crash may lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    this.writer = new Connection(db);
  }

  async all(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    if (this.writer.isReadOnly(sql)) return this.readConnection().run(sql, params);
    return this.exclusive(async () => this.writer.run(sql, params));
  }

  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const db = this.writer.db;
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn({ all: async (sql, params = []) => this.writer.run(sql, params) });
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async migrate(statements: readonly string[]): Promise<void> {
    await this.transaction(async (tx) => {
      for (const sql of statements) await tx.all(sql);
    });
  }

  async close(): Promise<void> {
    await this.exclusive(async () => {
      this.reader?.db.close();
      this.writer.db.close();
    });
  }

  /** Opened lazily: a read-only connection needs the file (and its WAL) to exist first. */
  private readConnection(): Connection {
    this.reader ??= new Connection(new Database(this.path, { readonly: true }));
    return this.reader;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** A connection with a statement cache; translates $1-style placeholders to SQLite's `?`. */
class Connection {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  isReadOnly(sql: string): boolean {
    return this.prepare(sql).readonly;
  }

  run(sql: string, params: readonly unknown[]): Row[] {
    const statement = this.prepare(sql);
    const values = params.map((value) => value ?? null);
    if (statement.reader) return statement.all(values) as Row[];
    statement.run(values);
    return [];
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      // Positional `?` binds in order of appearance, so $n must appear in order, once each.
      let expected = 1;
      const positional = sql.replace(/\$(\d+)/g, (_, n: string) => {
        if (Number(n) !== expected++) throw new Error(`placeholders out of order in: ${sql}`);
        return '?';
      });
      statement = this.db.prepare(positional);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
