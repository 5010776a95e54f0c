/**
 * The database schema, as ordered steps. `schema_version` holds the version a database is at;
 * opening a store brings it to SCHEMA_VERSION, one step after the other, in one transaction that
 * concurrent starts take turns at (SqlDriver.migrate). A database at the current version is not
 * touched at all: even a no-op `CREATE INDEX IF NOT EXISTS` locks its table against writes on
 * PostgreSQL, which a second server starting beside a busy one would otherwise do at every start.
 *
 * Version 1 is the schema of the servers from before versioning, which ran its idempotent
 * statements at every start; a database without a version row is brought to it the same way, so
 * an existing database is taken as version 1 whatever it was created by. A new step appends to
 * MIGRATIONS, never edits one that has shipped, and gets a test in
 * test/integration/migrations.test.ts from the version before it.
 */
import { endorsementsToMarks } from './endorsements-to-marks';
import type { SqlDialect, SqlDriver, SqlRunner } from './sql';

export interface Migration {
  version: number;
  /** Statements for both engines, then those for one engine only. */
  sql: readonly string[];
  only?: Partial<Record<SqlDialect, readonly string[]>>;
  /** A rewrite of stored data that SQL common to both engines cannot say, after the statements. */
  rewrite?: (tx: SqlRunner) => Promise<void>;
}

const V1 = [
  `CREATE TABLE IF NOT EXISTS communities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 0,
    purged_up_to BIGINT NOT NULL DEFAULT 0)`,
  `CREATE TABLE IF NOT EXISTS members (
    id TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities(id),
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT)`,
  `CREATE INDEX IF NOT EXISTS members_community ON members (community_id)`,
  `CREATE TABLE IF NOT EXISTS tokens (
    hash TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES members(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT)`,
  `CREATE INDEX IF NOT EXISTS tokens_member ON tokens (member_id)`,
  `CREATE TABLE IF NOT EXISTS invites (
    hash TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES communities(id),
    role TEXT NOT NULL,
    max_uses BIGINT NOT NULL,
    uses BIGINT NOT NULL DEFAULT 0,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS client_seqs (
    community_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    PRIMARY KEY (community_id, member_id, client_id))`,
  `CREATE TABLE IF NOT EXISTS items (
    community_id TEXT NOT NULL REFERENCES communities(id),
    id TEXT NOT NULL,
    version BIGINT NOT NULL,
    changed_at BIGINT NOT NULL,
    tombstone_since BIGINT,
    wire TEXT NOT NULL,
    meta TEXT NOT NULL,
    PRIMARY KEY (community_id, id))`,
  `CREATE UNIQUE INDEX IF NOT EXISTS items_version ON items (community_id, version)`,
];

/**
 * Shared rate-limit buckets (PostgreSQL only). Unlogged: a bucket is written at every request,
 * and losing them in a crash only forgives some requests, so they skip the write-ahead log.
 */
const RATE_BUCKETS = `CREATE UNLOGGED TABLE IF NOT EXISTS rate_buckets (
  bucket TEXT PRIMARY KEY,
  tokens DOUBLE PRECISION NOT NULL,
  at BIGINT NOT NULL,
  taken BOOLEAN NOT NULL)`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, sql: V1, only: { postgres: [RATE_BUCKETS] } },
  {
    // Purges look for a community's tombstones; without this they read all of its items.
    version: 2,
    sql: [
      `CREATE INDEX items_tombstones ON items (community_id, tombstone_since)
       WHERE tombstone_since IS NOT NULL`,
    ],
  },
  // Endorsements become "Helped me" marks (endorsements-to-marks.ts).
  { version: 3, sql: [], rewrite: endorsementsToMarks },
  {
    // Community settings, with the version that last changed them (0: the defaults), and the
    // team each member says they are in.
    version: 4,
    sql: [
      'ALTER TABLE communities ADD COLUMN settings TEXT',
      'ALTER TABLE communities ADD COLUMN settings_version BIGINT NOT NULL DEFAULT 0',
      'ALTER TABLE members ADD COLUMN team TEXT',
    ],
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

const VERSION_TABLE = `CREATE TABLE IF NOT EXISTS schema_version (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  version BIGINT NOT NULL)`;

export async function schemaVersion(tx: SqlRunner): Promise<number> {
  const [row] = await tx.all('SELECT version FROM schema_version WHERE one = 1');
  return row ? Number(row['version']) : 0;
}

/** Brings the database to `target` (default: the newest version); returns the version it was at. */
export function migrate(db: SqlDriver, target = SCHEMA_VERSION): Promise<number> {
  return db.migrate(async (tx) => {
    await tx.all(VERSION_TABLE);
    const from = await schemaVersion(tx);
    if (from > SCHEMA_VERSION) {
      throw new Error(
        `the database is at schema version ${from}, newer than this server's ${SCHEMA_VERSION}; ` +
          'run the newer server it was last used with (or restore a backup made before).',
      );
    }
    for (const step of MIGRATIONS) {
      if (step.version <= from || step.version > target) continue;
      for (const sql of [...step.sql, ...(step.only?.[db.dialect] ?? [])]) await tx.all(sql);
      await step.rewrite?.(tx);
      await tx.all(
        `INSERT INTO schema_version (one, version) VALUES (1, $1)
         ON CONFLICT (one) DO UPDATE SET version = excluded.version`,
        [step.version],
      );
    }
    return from;
  });
}
