/** Which database a server process uses, in a form a worker thread can be handed too. */
import { openPostgresStore, type PostgresOptions } from './postgres';
import type { SqlStoreOptions } from './sql-store';
import { openSqliteStore, type SqliteOptions } from './sqlite';
import type { Store } from './store';

export type Storage = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export function openStore(
  storage: Storage,
  options: SqlStoreOptions & SqliteOptions & PostgresOptions = {},
): Promise<Store> {
  return storage.kind === 'postgres'
    ? openPostgresStore(storage.url, options)
    : openSqliteStore(storage.path, options);
}

export function describeStorage(storage: Storage): string {
  return storage.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `SQLite ${storage.path}`;
}
