/**
 * PostgreSQL backend (`pg` pool). Any number of server processes may share one database: all
 * coordination happens in row locks inside transactions (see sql-store.ts), none in memory.
 */
import pg from 'pg';
import { log } from '../log';
import type { Row, SqlDriver, SqlRunner } from './sql';
import { openSqlStore, type SqlStoreOptions } from './sql-store';
import type { Store } from './store';

const INT8_OID = 20;
/** Arbitrary constant naming the advisory lock that serialises concurrent migrations. */
const MIGRATION_LOCK = 7_426_301;

export interface PostgresOptions {
  /** Most connections this store opens (default 10). */
  poolSize?: number;
}

export function openPostgresStore(
  url: string,
  options: SqlStoreOptions & PostgresOptions = {},
): Promise<Store> {
  return openSqlStore(openPostgresDriver(url, options.poolSize), {
    sharedRateLimits: true,
    ...options,
  });
}

/** The bare driver, no schema applied: for the migration tests. */
export function openPostgresDriver(url: string, poolSize = 10): SqlDriver {
  return new PostgresDriver(url, poolSize);
}

class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres';
  private readonly pool: pg.Pool;

  constructor(url: string, poolSize: number) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: poolSize,
      // BIGINT columns hold versions and millisecond times, all far below 2^53.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID
            ? Number
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool discards it and connects afresh on the next query.
    this.pool.on('error', (error) => log.warn({ err: error }, 'PostgreSQL connection lost'));
  }

  async all(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, [...params])).rows as Row[];
  }

  async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn({
        all: async (sql, params = []) => (await client.query(sql, [...params])).rows as Row[],
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  migrate<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.transaction(async (tx) => {
      await tx.all('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      return fn(tx);
    });
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
