/**
 * PostgreSQL backend (`pg` pool). Any number of server processes may share one database: all
 * coordination happens in row locks inside transactions (see sql-store.ts), none in memory.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ChangeBus } from '../events';
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
  const driver = openPostgresDriver(url, options.poolSize);
  return openSqlStore(driver, {
    sharedRateLimits: true,
    changes: new PostgresChanges(driver, url),
    ...options,
  });
}

const CHANNEL = 'repertoire_changes';
const RELISTEN_MS = 1_000;

/**
 * Changes told between processes by NOTIFY, heard by LISTEN on a connection of its own (a pooled
 * one would lose the LISTEN when released), which comes back when lost. A process skips its own
 * notices: its own streams were told already.
 */
class PostgresChanges implements ChangeBus {
  private readonly origin = randomUUID();

  constructor(
    private readonly driver: SqlDriver,
    private readonly url: string,
  ) {}

  async publish(community: string): Promise<void> {
    await this.driver.all('SELECT pg_notify($1, $2)', [CHANNEL, `${this.origin} ${community}`]);
  }

  async subscribe(heard: (community: string) => void): Promise<() => Promise<void>> {
    let client: pg.Client | undefined;
    let stopped = false;
    const again = () => {
      if (!stopped) setTimeout(() => void connect().catch(again), RELISTEN_MS).unref();
    };
    const connect = async () => {
      const next = new pg.Client({ connectionString: this.url });
      next.on('notification', ({ payload = '' }) => {
        const [origin, community] = payload.split(' ');
        if (origin !== this.origin && community) heard(community);
      });
      next.on('error', (error) => log.warn({ err: error }, 'PostgreSQL change listener lost'));
      next.on('end', () => {
        // Changes published meanwhile reach this process's members at their next pull.
        if (client === next) again();
      });
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      if (stopped) await next.end();
      else client = next;
    };
    await connect();
    return async () => {
      stopped = true;
      const last = client;
      client = undefined;
      await last?.end();
    };
  }
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
