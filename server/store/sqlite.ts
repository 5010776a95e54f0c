/**
 * SQLite backend (better-sqlite3, one file). Writes go through one connection, one transaction at
 * a time: the async store code may yield mid-transaction, and a second writer on the same
 * connection would otherwise join that transaction. Plain reads use a second, read-only connection,
 * so under WAL they see only committed data and never wait for writers.
 *
 * Checkpoints (copying the WAL back into the database file, with its fsyncs) run on a worker
 * thread with a connection of its own. Left to the writer, SQLite runs them inside COMMIT every
 * 1,000 pages, and the event loop, which meanwhile would be receiving and validating the next
 * push, stalls for the copy and the fsyncs: under a stream of pushes that was about two thirds
 * of the time spent in BEGIN/COMMIT. Durability is unchanged: commits are exactly as durable as
 * before (WAL, synchronous=NORMAL), and a checkpoint only ever copies committed pages.
 */
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { log } from '../log';
import type { Row, SqlDriver, SqlRunner } from './sql';
import { openSqlStore, type SqlStoreOptions } from './sql-store';
import type { Store } from './store';
import { WriteLock } from './write-lock';

export interface SqliteOptions {
  /** Shared by every thread of this process that writes the same file (see write-lock.ts). */
  writeLock?: SharedArrayBuffer;
  /** Run the checkpoint thread; one connection per file is enough (default true). */
  checkpoints?: boolean;
}

export function openSqliteStore(
  path: string,
  options: SqlStoreOptions & SqliteOptions = {},
): Promise<Store> {
  return openSqlStore(openSqliteDriver(path, options), options);
}

/** The bare driver, no schema applied: for the migration tests. */
export function openSqliteDriver(path: string, options: SqliteOptions = {}): SqlDriver {
  return new SqliteDriver(path, options);
}

/** How often the checkpoint thread looks for new WAL pages; an idle look costs next to nothing. */
const CHECKPOINT_EVERY_MS = 250;
/**
 * The writer still checkpoints by itself past this many WAL pages (64 MB), should the thread ever
 * fall behind, so the WAL stays bounded.
 */
const WRITER_CHECKPOINT_PAGES = 16_384;

/**
 * The checkpoint thread, plain CommonJS so it needs no TypeScript loader. PASSIVE never waits for
 * or blocks the writer or readers; whatever it could not copy, the next round does.
 */
const CHECKPOINTER = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs);
`;

class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite';
  private readonly writer: Connection;
  private reader: Connection | undefined;
  private readonly checkpointer: Worker | undefined;
  private readonly lock: WriteLock | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    options: SqliteOptions,
  ) {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    // WAL + NORMAL survives a process crash; only an OS crash may lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
    this.writer = new Connection(db);
    this.lock = options.writeLock && new WriteLock(options.writeLock);
    if (options.checkpoints === false) return;
    this.checkpointer = new Worker(CHECKPOINTER, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        path,
        everyMs: CHECKPOINT_EVERY_MS,
      },
    });
    // A failed checkpoint thread only hands checkpoints back to the writer; the store stays up.
    this.checkpointer.on('error', (error) =>
      log.error({ err: error }, 'SQLite checkpointer failed'),
    );
    this.checkpointer.unref();
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

  /** BEGIN IMMEDIATE takes the file's write lock: other processes' migrations wait for it. */
  migrate<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.transaction(fn);
  }

  async close(): Promise<void> {
    await this.checkpointer?.terminate();
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
    const lock = this.lock;
    const locked = lock
      ? async () => {
          await lock.acquire();
          try {
            return await fn();
          } finally {
            lock.release();
          }
        }
      : fn;
    const run = this.queue.then(locked, locked);
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
