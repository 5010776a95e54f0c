/**
 * Schema migrations on both databases: each step from the version before it, with data written
 * by the server surviving; a database from before versioning; a database newer than the server;
 * a start beside a busy server. Concurrent starts of server processes: operations.test.ts.
 */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { stewardInvite } from '../../server/bootstrap';
import { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from '../../server/store/migrations';
import { openPostgresDriver } from '../../server/store/postgres';
import type { SqlDriver } from '../../server/store/sql';
import { openSqliteDriver } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';
import type { SyncedItem } from '../../lib/wire';
import { BACKENDS, freshDatabase, newTip, type Database } from './harness';

const TABLES = ['communities', 'members', 'tokens', 'invites', 'client_seqs', 'items'];

function driver(db: Database): SqlDriver {
  return db.storage.kind === 'sqlite'
    ? openSqliteDriver(db.storage.path, { checkpoints: false })
    : openPostgresDriver(db.storage.url, 2);
}

/** What the server wrote through its store: a member, an invite, a batch of tips, an edit. */
async function writeSample(store: Store) {
  const { communityId } = await stewardInvite(store, 'kept');
  const invite = await store.createInvite(communityId, {
    role: 'member',
    maxUses: 5,
    expiresInHours: 1,
  });
  const joined = await store.redeemInvite(invite.code, 'Ann');
  if (!joined.ok) throw new Error('join failed');
  const ann = (await store.authenticate(joined.token))!;
  const tips = [newTip({ title: 'one' }), newTip({ title: 'two' })];
  await store.push(ann, 'c1', [
    ...tips.map((t, i) => ({ op: 'set' as const, seq: i + 1, at: i + 1, ...t })),
  ]);
  const pulled = await store.pull(communityId, 0, 100, 1_000_000);
  return { communityId, token: joined.token, pulled, tips };
}

/** Every row of every table, to copy a database written at the newest version into an old one. */
async function rows(db: SqlDriver): Promise<[string, Record<string, unknown>[]][]> {
  return Promise.all(TABLES.map(async (t) => [t, await db.all(`SELECT * FROM ${t}`)] as const));
}

/** The columns a table has at the database's version (newer versions may have added some). */
async function columnsOf(db: SqlDriver, table: string): Promise<Set<string>> {
  const list =
    db.dialect === 'sqlite'
      ? await db.all(`SELECT name FROM pragma_table_info('${table}')`)
      : await db.all(
          `SELECT column_name AS name FROM information_schema.columns WHERE table_name = $1`,
          [table],
        );
  return new Set(list.map((r) => String(r['name'])));
}

/** Copies rows into an older schema: columns it does not have yet are left out. */
async function copyRows(db: SqlDriver, all: [string, Record<string, unknown>[]][]) {
  for (const [table, list] of all) {
    const known = await columnsOf(db, table);
    for (const full of list) {
      const row = Object.fromEntries(Object.entries(full).filter(([column]) => known.has(column)));
      const columns = Object.keys(row);
      const values = columns.map((_, i) => `$${i + 1}`).join(', ');
      await db.all(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values})`,
        Object.values(row),
      );
    }
  }
}

async function indexNames(db: SqlDriver): Promise<string[]> {
  const list =
    db.dialect === 'sqlite'
      ? await db.all(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items'`)
      : await db.all(`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'items'`);
  return list.map((r) => String(r['name'])).sort();
}

describe.each(BACKENDS)('schema migrations on %s', (backend) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  /**
   * A database at `version` holding what the server writes; `legacy`: as the servers from before
   * versioning left it (version 1's tables, no version row).
   */
  async function oldDatabase(version: number, legacy = false) {
    const source = await freshDatabase(backend);
    cleanup.push(() => source.drop());
    const store = await source.open();
    const sample = await writeSample(store);
    const sourceDriver = driver(source);
    const data = await rows(sourceDriver);
    await sourceDriver.close();
    await store.close();

    const db = await freshDatabase(backend);
    cleanup.push(() => db.drop());
    const old = driver(db);
    if (legacy) {
      const [v1] = MIGRATIONS;
      for (const sql of [...v1!.sql, ...(v1!.only?.[old.dialect] ?? [])]) await old.all(sql);
    } else {
      await migrate(old, version);
    }
    await copyRows(old, data);
    await old.close();
    return { db, sample };
  }

  async function expectCurrentWith(db: Database, sample: Awaited<ReturnType<typeof writeSample>>) {
    const store = await db.open();
    cleanup.push(() => store.close());
    const check = driver(db);
    cleanup.push(() => check.close());
    expect(await schemaVersion(check)).toBe(SCHEMA_VERSION);
    expect(await store.pull(sample.communityId, 0, 100, 1_000_000)).toEqual(sample.pulled);
    expect((await store.authenticate(sample.token))?.displayName).toBe('Ann');
    return check;
  }

  it('takes a database from before versioning as version 1 and upgrades it, data intact', async () => {
    const { db, sample } = await oldDatabase(1, true);
    await expectCurrentWith(db, sample);
  });

  for (const step of MIGRATIONS.slice(1)) {
    it(`migrates version ${step.version - 1} to ${step.version}, data intact`, async () => {
      const { db, sample } = await oldDatabase(step.version - 1);
      const check = await expectCurrentWith(db, sample);
      if (step.version === 2) expect(await indexNames(check)).toContain('items_tombstones');
    });
  }

  it('turns endorsements into "Helped me" marks from version 2, and has clients pull them again', async () => {
    // What a version-2 server left: endorsements in the items' meta (`e`) and wire form, no marks.
    const source = await freshDatabase(backend);
    cleanup.push(() => source.drop());
    const store = await source.open();
    const sample = await writeSample(store);
    const ann = (await store.authenticate(sample.token))!;
    const [endorsed, plain] = [...sample.tips];
    await store.push(ann, 'c1', [
      { op: 'endorse', seq: 3, itemId: endorsed!.itemId, at: 5_000_123, endorsed: true },
    ]);
    const sourceDriver = driver(source);
    const data = await rows(sourceDriver);
    await sourceDriver.close();
    await store.close();
    for (const row of data.find(([table]) => table === 'items')![1]) {
      const meta = JSON.parse(String(row['meta'])) as {
        m: Record<string, Record<string, unknown>>;
      };
      const e = Object.fromEntries(
        Object.entries(meta.m).map(([key, { on, at, by, name }]) => [
          key.replace(/^helped:/, ''),
          { on, at, by, name },
        ]),
      );
      row['meta'] = JSON.stringify({ ...meta, m: undefined, e });
      const wire = JSON.parse(String(row['wire'])) as Record<string, unknown>;
      delete wire['marks'];
      row['wire'] = JSON.stringify(wire);
    }
    const db = await freshDatabase(backend);
    cleanup.push(() => db.drop());
    const old = driver(db);
    await migrate(old, 2);
    await copyRows(old, data);
    const [before] = await old.all('SELECT version FROM communities WHERE id = $1', [
      sample.communityId,
    ]);
    await old.close();

    const migrated = await db.open();
    cleanup.push(() => migrated.close());
    const cursor = Number(before!['version']);
    const pulled = await migrated.pull(sample.communityId, cursor, 100, 1_000_000);
    if (!pulled.ok) throw new Error('purged');
    // Only the endorsed item changed, as a new version after every old one.
    const [change, ...others] = pulled.changes.map((w) => JSON.parse(w) as SyncedItem);
    expect(others).toEqual([]);
    expect(change).toMatchObject({ version: cursor + 1, item: { id: endorsed!.itemId } });
    const helped = { memberId: ann.memberId, name: 'Ann', at: 5_000_123 };
    expect(change!.endorsements).toEqual([helped]);
    expect(change!.marks).toEqual([
      { kind: 'helped', on: true, team: null, markedAt: 5_000, ...helped },
    ]);
    const all = await migrated.pull(sample.communityId, 0, 100, 1_000_000);
    if (!all.ok) throw new Error('purged');
    const untouched = all.changes
      .map((w) => JSON.parse(w) as SyncedItem)
      .find((c) => c.item.id === plain!.itemId);
    expect(untouched).toMatchObject({ version: 2, marks: [], endorsements: [] });
    // Its merge state moved too: Ann's mark is hers to take back, and a late retry of the old
    // endorsement (an older stamp) does not bring it back.
    await migrated.push(ann, 'c1', [
      {
        op: 'mark',
        seq: 4,
        itemId: endorsed!.itemId,
        at: 6_000_000,
        mark: 'helped',
        on: false,
        markedAt: 6_000,
      },
      { op: 'endorse', seq: 5, itemId: endorsed!.itemId, at: 5_000_123, endorsed: true },
    ]);
    const last = await migrated.pull(sample.communityId, cursor + 1, 100, 1_000_000);
    if (!last.ok) throw new Error('purged');
    expect((JSON.parse(last.changes[0]!) as SyncedItem).endorsements).toEqual([]);
  });

  it('refuses a database from a newer server, saying what to do', async () => {
    const db = await freshDatabase(backend);
    cleanup.push(() => db.drop());
    const newer = driver(db);
    await migrate(newer);
    await newer.all('UPDATE schema_version SET version = $1', [SCHEMA_VERSION + 1]);
    await newer.close();
    await expect(db.open()).rejects.toThrow(
      `the database is at schema version ${SCHEMA_VERSION + 1}, newer than this server's ${SCHEMA_VERSION}`,
    );
  });
});

describe('a second server starting on a busy PostgreSQL database', () => {
  it('takes no lock that waits for the first one’s writes', async () => {
    const db = await freshDatabase('postgres');
    const first = await db.open();
    // A write in progress on every table, as a busy server has; a schema statement (even a no-op
    // CREATE INDEX IF NOT EXISTS) would wait for it to end, stalling the start and every write
    // queued behind it.
    const busy = new pg.Client({ connectionString: db.env['DATABASE_URL'] });
    await busy.connect();
    try {
      await busy.query('BEGIN');
      await busy.query(`LOCK TABLE ${TABLES.join(', ')} IN ROW EXCLUSIVE MODE`);
      const second = await db.open();
      await second.close();
      await busy.query('ROLLBACK');
    } finally {
      await busy.end();
      await first.close();
      await db.drop();
    }
  });
});
