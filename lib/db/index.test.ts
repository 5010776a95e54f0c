import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { uuidv7 } from '../repertoire/ids';
import { tipItem } from '../repertoire/items';
import {
  DB_NAME,
  DB_VERSION,
  deleteItem,
  ensurePersonalCommunity,
  findByCanonicalUrl,
  getItem,
  listCommunities,
  openRepertoireDb,
  putItem,
  recentItems,
  StorageFullError,
} from '.';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const tip = (community: string, now: number, url: string | null = null) =>
  tipItem(
    { title: `tip ${now}`, body: 'body', tags: [], appliesTo: [], url },
    { community, author: null, now },
  );

describe('storage', () => {
  it('creates every store and index from an empty browser (version 0)', async () => {
    const db = await openRepertoireDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'communities',
      'itemMeta',
      'items',
      'memberships',
      'outbox',
      'search',
      'searchQueue',
      'syncState',
      'synced',
    ]);
    const tx = db.transaction('items');
    expect([...tx.store.indexNames].sort()).toEqual(['by-canonical-url', 'by-community-updated']);
    db.close();
  });

  it('upgrades a database left by every older version, keeping its items', async () => {
    for (let old = 1; old < DB_VERSION; old++) {
      globalThis.indexedDB = new IDBFactory();
      const legacy = await openRepertoireDb(DB_NAME, old);
      const item = tip('personal', 1000 + old);
      await legacy.put('items', item);
      legacy.close();

      const db = await openRepertoireDb();
      expect(db.version).toBe(DB_VERSION);
      expect(await getItem(db, item.id)).toEqual(item);
      // Before search existed (v1), items were not queued for indexing; the upgrade queues them.
      expect(await db.getAll('searchQueue')).toEqual(old < 2 ? [item.id] : []);
      db.close();
    }
  });

  it('has a Personal community from first run, created once', async () => {
    const db = await openRepertoireDb();
    await ensurePersonalCommunity(db, 1);
    await ensurePersonalCommunity(db, 2);
    expect(await listCommunities(db)).toEqual([
      { id: 'personal', name: 'Personal', local: true, createdAt: 1 },
    ]);
  });

  it('lists recent live items of one community, newest first, and keeps tombstones', async () => {
    const db = await openRepertoireDb();
    const a = tip('personal', 1000);
    const b = tip('personal', 2000);
    const other = tip('team', 3000);
    for (const item of [a, b, other]) await putItem(db, item);
    expect((await recentItems(db, 'personal', 10)).map((i) => i.id)).toEqual([b.id, a.id]);
    expect(await recentItems(db, 'personal', 1)).toHaveLength(1);

    await deleteItem(db, a.id, 5000);
    expect((await recentItems(db, 'personal', 10)).map((i) => i.id)).toEqual([b.id]);
    expect(await getItem(db, a.id)).toMatchObject({ deletedAt: 5000, updatedAt: 5000 });
  });

  it('finds live items of a community by canonical URL', async () => {
    const db = await openRepertoireDb();
    const item = { ...tip('personal', 1000), canonicalUrl: 'https://example.com/a' };
    await putItem(db, item);
    await putItem(db, { ...tip('team', 1000), canonicalUrl: 'https://example.com/a' });
    expect(
      (await findByCanonicalUrl(db, 'personal', 'https://example.com/a')).map((i) => i.id),
    ).toEqual([item.id]);
    await deleteItem(db, item.id);
    expect(await findByCanonicalUrl(db, 'personal', 'https://example.com/a')).toEqual([]);
  });

  it('turns a quota failure into StorageFullError and keeps what was stored', async () => {
    const db = await openRepertoireDb();
    const kept = tip('personal', 1000);
    await putItem(db, kept);
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expect(putItem(db, tip('personal', 2000))).rejects.toBeInstanceOf(StorageFullError);
    put.mockRestore();
    expect(await getItem(db, kept.id)).toEqual(kept);
  });

  it('makes sortable UUIDv7 ids', () => {
    const early = uuidv7(1_000);
    const late = uuidv7(2_000);
    expect(early < late).toBe(true);
    expect(early).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
